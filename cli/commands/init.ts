import * as fs from "node:fs";
import * as path from "node:path";
import { initialConfig } from "../config";
import type { Io } from "../io";

/** `mlguard init`: writes `.mlguard.yaml` (with `$schema`) in the working directory; never overwrites without `force`. */
export function runInit(io: Io, force: boolean): number {
    const file = path.join(io.cwd, ".mlguard.yaml");
    if (fs.existsSync(file) && !force) {
        io.stderr.write("mlguard: .mlguard.yaml already exists; use --force to overwrite it\n");
        return 2;
    }
    fs.writeFileSync(file, initialConfig());
    io.stdout.write("Wrote .mlguard.yaml. Next: `npx mlguard scan` (see `mlguard rules` for the controls).\n");
    return 0;
}
