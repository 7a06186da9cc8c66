import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";

/**
 * Hub topology: which cluster's Argo CD deploys to this one. Offered: clusters running their own
 * Argo CD (a hub cannot have a hub). A current hub stays listed even if it no longer qualifies,
 * so saving other settings does not silently drop it.
 */
export function HubClusterField({
  value,
  choices,
  error,
  onChange,
}: {
  value: string;
  choices: string[];
  error?: string[];
  onChange: (value: string) => void;
}) {
  const options = value !== "" && !choices.includes(value) ? [value, ...choices] : choices;
  return (
    <Field
      label="Hub cluster"
      error={error}
      description="The cluster whose Argo CD deploys here: Applications go to its Argo CD namespace, aimed at this cluster's API URL, and it gets an Argo CD cluster Secret for this cluster."
    >
      <NativeSelect name="hubCluster" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">None: this cluster&apos;s own Argo CD</option>
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </NativeSelect>
    </Field>
  );
}
