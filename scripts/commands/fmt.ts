/** `ladder fmt`: placeholder until its issue lands; fails loudly so nobody mistakes it for done. */
import { type Command, ExitError } from "../cli.js";

export const run: Command = async () => {
  throw new ExitError(1, "not built yet");
};
