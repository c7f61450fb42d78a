/** The props every control gets from the field shell: id, name, aria wiring and test id. */
export type ControlProps = Record<string, unknown> & { id: string };
