// Tailwind CSS 4 runs as one PostCSS plugin; it finds the classes in app/ and components/ itself.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
