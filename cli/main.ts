#!/usr/bin/env node
/**
 * The `mlguard` command. Only commander and this file load at start-up; each command loads what it
 * needs when it runs (the catalog for `rules`/`explain`, the Terraform engine for `scan`), and the
 * Pulumi SDKs are never loaded on any CLI path.
 */
import { Command, CommanderError, Option } from "commander";
import type { Io } from "./io";
import { tuneJit } from "./jit";
import { packageVersion } from "./paths";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The exit-code policy, as `mlguard --help` and `mlguard scan --help` state it (docs/ci.md explains it). */
const EXIT_CODES_HELP = [
    "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, config or parse error.",
    "  2 also when a file cannot be read or parsed, a check crashes (unless --allow-parse-errors),",
    "  or no Terraform file is found. Evaluation errors (e.g. a reference to an undeclared",
    "  resource) are reported as warnings and do not change the exit code.",
].join("\n");

/** Builds the program; actions report their exit code through `setExit`. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
    const program = new Command("mlguard")
        .description("Security controls for ML infrastructure: scans Terraform and runs Pulumi programs under mocks for SageMaker, Vertex AI, KMS, S3 and IAM misconfigurations.")
        .version(packageVersion(), "-v, --version", "print the version")
        .helpOption("-h, --help", "show help")
        .showSuggestionAfterError(true)
        .exitOverride()
        .configureOutput({
            writeOut: (s) => io.stdout.write(s),
            writeErr: (s) => io.stderr.write(s),
            outputError: (s, write) => write(`mlguard: ${s.replace(/^error: /, "")}`),
        });
    program.addHelpText("after", `\n${EXIT_CODES_HELP}\nDocs: https://unpkg.com/mlguard/docs/ci.md`);

    const severities = ["critical", "high", "medium", "low"];
    program
        .command("scan")
        .description("scan Terraform directories, files or a plan")
        .argument("[paths...]", "Terraform directories or files (default: .)")
        .option("--plan <file>", "scan `terraform show -json` output")
        .option("--var-file <file>", "load a .tfvars file (repeatable; terraform.tfvars and *.auto.tfvars load automatically)", collect)
        .option("--var <name=value>", "set a variable (repeatable)", collect)
        .option("--parameter <name=value>", "set a CloudFormation parameter (repeatable)", collect)
        .option("--parameters-file <file>", "load CloudFormation parameters from a JSON file (repeatable)", collect)
        .option("--region <region>", "the AWS region CloudFormation templates deploy to (AWS::Region, AWS::Partition)")
        .option("-f, --format <format[=file]>", "pretty, json, sarif, junit, github or markdown, optionally to a file (repeatable)", collect)
        .option("-o, --output <file>", "write the output to a file instead of standard output")
        .addOption(new Option("--fail-on <severity>", "exit 1 on findings at or above this severity (default: high)").choices([...severities, "none"]))
        .addOption(new Option("--min-severity <severity>", "run and report only controls at or above this severity").choices(severities))
        .option("--rule <glob>", "run only these controls (ids, peer ids or * globs; repeatable)", collect)
        .option("--skip-rule <glob>", "do not run these controls (repeatable)", collect)
        .option("--tag <glob>", "run only controls with one of these tags (repeatable)", collect)
        .option("--include-unknown", "report results that cannot be verified before apply (never fail the scan)")
        .option("--include-suppressed", "keep suppressed findings in pretty and SARIF output")
        .option("--baseline <file>", "suppress findings recorded in this baseline file")
        .option("--update-baseline", "write the current findings to the baseline (default .mlguard-baseline.json), pruning stale entries")
        .option("-c, --config <file>", "config file (default: .mlguard.yaml)")
        .option("--no-config", "ignore .mlguard.yaml")
        .option("--concurrency <n>", "worker threads: auto or a number (default: auto)")
        .option("--download-modules [dir]", "download registry, git::https and https archive modules that .terraform/modules does not hold (cache: dir, default .mlguard/modules)")
        .option("--registry-host <host>", "module registry for addresses without a host (default registry.terraform.io; TF_TOKEN_<host> is honoured)")
        .option("--strict-modules", "exit 2 when a module call could not be scanned (not installed, not downloadable, …)")
        .option("--allow-parse-errors", "report unreadable or unparsable files and check errors without exiting 2")
        .option("--color", "force colour")
        .option("--no-color", "disable colour (NO_COLOR and FORCE_COLOR are honoured too)")
        .option("--no-progress", "never draw a progress bar")
        .option("-q, --quiet", "print nothing when the scan is clean")
        .option("--verbose", "also show info diagnostics (variables without a value, modules not installed, …)")
        .addHelpText("after", `\n${EXIT_CODES_HELP}`)
        .action(async (paths: string[], flags) => {
            const { runScan } = await import("./commands/scan");
            setExit(await runScan(paths, { ...flags, varFile: flags.varFile ?? [], var: flags.var ?? [], format: flags.format ?? [], rule: flags.rule ?? [], skipRule: flags.skipRule ?? [], tag: flags.tag ?? [] }, io));
        });

    program
        .command("preview")
        .description("run a Pulumi program under mocks (no cloud account) and check it with every control, in preview and update mode")
        .argument("<program-dir>", "the Pulumi program's directory (holds Pulumi.yaml)")
        .option("--stack <name>", "stack name the program sees; Pulumi.<stack>.yaml config is read (default: dev)")
        .option("--config <key=value>", "set stack config, as `pulumi config set` (repeatable; `aws:region=…` for a namespace)", collect)
        .option("--policy-pack-config <file>", "levels and options per policy: the file `pulumi preview --policy-pack-config` takes")
        .option("-f, --format <format[=file]>", "pretty, json, sarif, junit, github or markdown, optionally to a file (repeatable)", collect)
        .option("-o, --output <file>", "write the output to a file instead of standard output")
        .addOption(new Option("--fail-on <severity>", "exit 1 on findings at or above this severity (default: high)").choices([...severities, "none"]))
        .option("--include-unknown", "report results that cannot be verified before deployment (never fail the check)")
        .option("--include-suppressed", "keep suppressed findings in pretty and SARIF output")
        .option("--baseline <file>", "suppress findings recorded in this baseline file")
        .option("--update-baseline", "write the current findings to the baseline (default .mlguard-baseline.json)")
        .option("--timeout <seconds>", "stop the program after this long (default: 120)")
        .option("--color", "force colour")
        .option("--no-color", "disable colour (NO_COLOR and FORCE_COLOR are honoured too)")
        .option("-q, --quiet", "print nothing when the check is clean")
        .addHelpText(
            "after",
            [
                "",
                "This command EXECUTES the program's code (as `pulumi preview` does), in a separate process",
                "with a timeout. The process gets no credentials (only PATH, TMPDIR, locale and TZ from the",
                "environment) and no network: provider calls and data-source look-ups are answered by mocks,",
                "and a program that opens a connection or resolves a host name fails with a message saying so.",
                "TypeScript is compiled with the program's tsconfig.json and its own (or mlguard's) typescript.",
                "Findings point at the resource's constructor call in the program's source.",
                "These guards are not a sandbox for hostile code: run it on code you would `pulumi preview`.",
                "",
                "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or config error, or the",
                "  program failed (threw, timed out, reached for the network).",
            ].join("\n"),
        )
        .action(async (dir: string, flags) => {
            const { runPreview } = await import("./commands/preview");
            setExit(await runPreview(dir, { ...flags, config: flags.config ?? [], format: flags.format ?? [] }, io));
        });

    program
        .command("rules")
        .description("list the controls")
        .addOption(new Option("--format <format>", "text or json").choices(["text", "json"]).default("text"))
        .action(async (flags: { format: string }) => {
            const { allControls } = await import("../catalog/controls");
            const { formatRulesJson, formatRulesText } = await import("./commands/rules");
            io.stdout.write(flags.format === "json" ? formatRulesJson(allControls) : formatRulesText(allControls));
            setExit(0);
        });

    program
        .command("explain")
        .description("show a control's rationale, fix, options and examples (accepts peer ids such as CKV_AWS_122)")
        .argument("<id>", "control id or peer id")
        .action(async (id: string) => {
            const { allControls } = await import("../catalog/controls");
            const { explainControl } = await import("./commands/explain");
            const { UsageError } = await import("./errors");
            try {
                io.stdout.write(explainControl(id, allControls));
                setExit(0);
            } catch (err) {
                if (!(err instanceof UsageError)) throw err;
                io.stderr.write(`mlguard: ${err.message}\n`);
                setExit(2);
            }
        });

    program
        .command("init")
        .description("write .mlguard.yaml with its $schema")
        .option("--force", "overwrite an existing file")
        .action(async (flags: { force?: boolean }) => {
            const { runInit } = await import("./commands/init");
            setExit(runInit(io, flags.force === true));
        });

    return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
    let code = 0;
    const program = buildProgram(io, (c) => {
        code = c;
    });
    try {
        await program.parseAsync(argv, { from: "user" });
    } catch (err) {
        if (err instanceof CommanderError) {
            // --help and --version exit 0; every parse problem is a usage error.
            return err.exitCode === 0 ? 0 : 2;
        }
        io.stderr.write(`mlguard: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        return 2;
    }
    return code;
}

if (require.main === module) {
    tuneJit();
    void run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then((code) => {
        // exitCode rather than exit(): piped output is flushed first.
        process.exitCode = code;
    });
}
