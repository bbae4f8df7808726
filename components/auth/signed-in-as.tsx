/** "Signed in as NAME", in the header (wide screens) and on the phone's line under it. */
export function SignedInAs({ username, className }: { username: string; className: string }) {
  return (
    <span className={`text-zinc-600 dark:text-zinc-400 ${className}`}>
      Signed in as <strong className="font-medium text-zinc-900 dark:text-zinc-100">{username}</strong>
    </span>
  );
}
