import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "gen/**",
      "server/db/generated/**",
      ".next/**",
      ".next-*/**",
      "next-env.d.ts",
      "playwright-report/**",
      "test-results/**",
      "screenshots/**",
      ".tmp/**",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-floating-promises": [
        "error",
        // node:test's test() and describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "it", "describe", "suite"] },
          ],
        },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/no-import-type-side-effects": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The environment is read and validated in one module; everything else imports `config`.
    files: ["**/*.ts", "**/*.tsx", "**/*.js", "**/*.mjs"],
    ignores: ["server/config.js", "test/**", "e2e/**", "bench/**", "playwright.config.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          // NODE_ENV and NEXT_RUNTIME are Next's build-time constants, inlined by the bundler.
          selector:
            "MemberExpression[object.object.name='process'][object.property.name='env'][property.name!=/^(NODE_ENV|NEXT_RUNTIME)$/]",
          message: "Read the environment through `config` from server/config.js.",
        },
        {
          selector:
            "MemberExpression[object.name='process'][property.name='env']:not([parent.type='MemberExpression'])",
          message: "Read the environment through `config` from server/config.js.",
        },
      ],
    },
  },
  {
    // Client code must never pull in the database layer; "server-only" cannot guard
    // modules that the pages/ API route also imports, so this rule does.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/server/*", "**/server/*"], message: "Client components must not import server code." },
          ],
        },
      ],
    },
  },
);
