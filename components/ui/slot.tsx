import * as React from "react";

import { cn } from "@/lib/utils";

type AnyProps = Record<string, unknown>;

function composeRefs<T>(...refs: (React.Ref<T> | undefined)[]): React.RefCallback<T> {
  return (node) => {
    const cleanups: (() => void)[] = [];
    for (const ref of refs) {
      if (typeof ref === "function") {
        const cleanup = ref(node);
        if (typeof cleanup === "function") cleanups.push(cleanup);
      } else if (ref) {
        ref.current = node;
      }
    }
    return cleanups.length > 0 ? () => cleanups.forEach((cleanup) => cleanup()) : undefined;
  };
}

function mergeProps(slotProps: AnyProps, childProps: AnyProps): AnyProps {
  const merged: AnyProps = { ...slotProps, ...childProps };
  for (const key of Object.keys(slotProps)) {
    const slotValue = slotProps[key];
    const childValue = childProps[key];
    if (
      /^on[A-Z]/.test(key) &&
      typeof slotValue === "function" &&
      typeof childValue === "function"
    ) {
      merged[key] = (...args: unknown[]) => {
        const result: unknown = (childValue as (...a: unknown[]) => unknown)(...args);
        (slotValue as (...a: unknown[]) => unknown)(...args);
        return result;
      };
    } else if (key === "className") {
      merged[key] = cn(slotValue as string | undefined, childValue as string | undefined);
    } else if (key === "style" && slotValue && childValue) {
      merged[key] = { ...slotValue, ...childValue };
    } else if (key === "ref" && slotValue && childValue) {
      merged[key] = composeRefs(slotValue as React.Ref<unknown>, childValue as React.Ref<unknown>);
    }
  }
  return merged;
}

export type SlotProps = React.HTMLAttributes<HTMLElement> & {
  ref?: React.Ref<HTMLElement>;
  children?: React.ReactNode;
} & Record<`aria-${string}` | `data-${string}`, unknown>;

/**
 * Renders its single child element with these props merged in (class names joined, event
 * handlers chained, refs composed, the child's other props winning). A dependency-free stand-in
 * for Radix's Slot that is safe in Server Components.
 */
export function Slot({ children, ...slotProps }: SlotProps) {
  const child = React.Children.only(children);
  if (!React.isValidElement(child)) return null;
  return React.cloneElement(child, mergeProps(slotProps, child.props as AnyProps));
}
