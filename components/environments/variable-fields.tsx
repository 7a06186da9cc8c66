import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { TEnvironmentVariable } from "@/lib/validators/environment";

/**
 * Name/value rows; the messages come from the shared schema under `errorKey` ("variables.2.name"
 * on an environment, "components.0.configuration.env.2.name" on a binding).
 */
export function VariableFields({
  variables,
  errors,
  onChange,
  errorKey = "variables",
}: {
  variables: TEnvironmentVariable[];
  errors: Record<string, string[]>;
  onChange: (variables: TEnvironmentVariable[]) => void;
  errorKey?: string;
}) {
  const set = (index: number, change: Partial<TEnvironmentVariable>) =>
    onChange(variables.map((v, i) => (i === index ? { ...v, ...change } : v)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Environment variables</legend>
      {variables.map((variable, index) => {
        const error =
          errors[`${errorKey}.${index}.name`]?.[0] ?? errors[`${errorKey}.${index}.value`]?.[0];
        return (
          <div key={index} className="space-y-1">
            <div className="flex gap-2">
              <Input
                aria-label={`Variable ${index + 1} name`}
                aria-invalid={error ? true : undefined}
                value={variable.name}
                placeholder="NAME"
                className="font-mono"
                onChange={(e) => set(index, { name: e.target.value })}
              />
              <Input
                aria-label={`Variable ${index + 1} value`}
                value={variable.value}
                placeholder="value"
                className="font-mono"
                onChange={(e) => set(index, { value: e.target.value })}
              />
              <Button
                type="button"
                variant="ghost"
                onClick={() => onChange(variables.filter((_, i) => i !== index))}
              >
                Remove
              </Button>
            </div>
            {error ? <p className="text-destructive text-sm">{error}</p> : null}
          </div>
        );
      })}
      {errors[errorKey] ? <p className="text-destructive text-sm">{errors[errorKey][0]}</p> : null}
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={() => onChange([...variables, { name: "", value: "" }])}
      >
        Add variable
      </Button>
    </fieldset>
  );
}
