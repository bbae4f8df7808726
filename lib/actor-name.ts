/**
 * An actor as people read it: `account:maria` is "maria", `service:ci` is "ci (service)";
 * empty (written before actors were recorded) is "someone".
 */
export function actorName(actor: string): string {
  if (actor.startsWith("account:")) return actor.slice("account:".length);
  if (actor.startsWith("service:")) return `${actor.slice("service:".length)} (service)`;
  return actor || "someone";
}
