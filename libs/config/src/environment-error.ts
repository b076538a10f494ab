/** A variable of the environment is missing or wrong; the message names it (and never prints a secret's value). */
export class EnvironmentError extends Error {}
