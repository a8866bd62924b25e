/** Where a command writes: the terminal in the `malipo` binary, arrays in tests. */
export interface CliOutput {
  /** Writes one line of the command's result (standard output). */
  out(line: string): void;
  /** Writes one line of an error or warning (standard error). */
  err(line: string): void;
}
