import { inputClass } from "../ui/form-field";

/** What each role a member can have may do, as the Role controls say it. */
export const memberRoles = [
  { value: "editor", label: "Editor: reads and changes orders" },
  { value: "viewer", label: "Viewer: reads orders only" },
] as const;

/** A member's role as a select: labelled by `label` (visible or not), submitted as `role`. */
export function RoleSelect({ id, defaultValue = "editor" }: { id: string; defaultValue?: string }) {
  return (
    <select id={id} name="role" defaultValue={defaultValue} className={inputClass}>
      {memberRoles.map((role) => (
        <option key={role.value} value={role.value}>
          {role.label}
        </option>
      ))}
    </select>
  );
}
