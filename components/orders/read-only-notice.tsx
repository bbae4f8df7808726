import { Alert } from "../ui/alert";

/** Said once per page to a viewer, in place of the controls that would change orders. */
export function ReadOnlyNotice() {
  return (
    <Alert tone="info">
      You can read orders but not change them: your account is a viewer. The owner can give it the editor role.
    </Alert>
  );
}
