// Writes docs/configuration.md from server/config.js's schema: each variable once, with its
// default, what it accepts and what it means. Run by `npm run generate`; a test fails on drift.
import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { environment } from "../server/config.js";

export const configurationReferenceFile = "docs/configuration.md";

type Schema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  default?: unknown;
  description?: string;
};

const code = (value: unknown) => `\`${String(value)}\``;
const number = (value: number) => value.toLocaleString("en-US");

/** What a variable accepts, where the schema says more than its description does. */
function accepts(schema: Schema): string {
  if (schema.anyOf) return schema.anyOf.map(accepts).filter(Boolean).join(" or ");
  if (schema.const !== undefined) return code(schema.const);
  // The empty string is "unset" (parseConfig drops empty variables), not a value to choose.
  if (schema.enum)
    return schema.enum
      .filter((value) => value !== "")
      .map(code)
      .join(", ");
  if (schema.type === "integer" && schema.minimum !== undefined && schema.maximum !== undefined) {
    return `${number(schema.minimum)} to ${number(schema.maximum)}`;
  }
  if (schema.type === "string" && (schema.minLength ?? 0) > 1) return `at least ${schema.minLength} characters`;
  return "";
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The reference page's text for the schema's variables. */
export function configurationReference(schema: z.ZodObject = environment): string {
  const { properties = {} } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, Schema>;
  };
  const rows = Object.entries(properties).map(([name, variable]) => {
    if (!variable.description) throw new Error(`${name} has no .describe() text in server/config.js`);
    const fallback = variable.default === undefined || variable.default === "" ? "unset" : code(variable.default);
    return `| \`${name}\` | ${fallback} | ${cell(accepts(variable))} | ${cell(variable.description)} |`;
  });
  return [
    "<!-- Generated from server/config.js by `npm run generate` (scripts/config-reference.ts): do not edit. -->",
    "",
    "# Configuration",
    "",
    "The server reads these environment variables, and nothing else, once at start-up",
    "(`server/config.js`). An empty variable counts as unset. A value it cannot use stops it",
    "with one line naming the variable, what it accepts and what it got.",
    "",
    "| variable | default | accepts | meaning |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeFile(configurationReferenceFile, configurationReference());
}
