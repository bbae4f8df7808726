/** Origins allowed to call the API from a browser on another site: `CORS_ORIGINS`, comma-separated. */
export function allowedOrigins(value = process.env.CORS_ORIGINS ?? ""): ReadonlySet<string> {
  return new Set(value.split(",").map((origin) => origin.trim().replace(/\/$/, "")).filter(Boolean));
}
