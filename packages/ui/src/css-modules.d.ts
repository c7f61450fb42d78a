/** CSS modules, as the builder's Next.js compiles them: class name → generated name. */
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
