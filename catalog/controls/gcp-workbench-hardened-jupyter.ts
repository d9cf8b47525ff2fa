import type { InstanceArgs } from "@pulumi/gcp/workbench";
import { defineControl } from "../control";
import { expectMetadataTrue, metadataKey } from "../helpers/gcp-vm";
import { allOf } from "../helpers/outcomes";
import { fail, pass, unknown } from "../helpers/results";
import type { CheckResult } from "../model";
import { types } from "../resource-types";

interface Options {
    requireDisableDownloads: boolean;
    requireDisableNbconvert: boolean;
    requireDisableTerminal: boolean;
    requireUpgradeSchedule: boolean;
}

const FLAGS = [
    { option: "requireDisableDownloads", key: "notebook-disable-downloads", what: "File download disabling" },
    { option: "requireDisableNbconvert", key: "notebook-disable-nbconvert", what: "nbconvert disabling" },
    { option: "requireDisableTerminal", key: "notebook-disable-terminal", what: "Terminal disabling" },
] as const;

const UPGRADE_KEY = "notebook-upgrade-schedule";

export default defineControl<InstanceArgs, Options>({
    id: "gcp-workbench-hardened-jupyter",
    title: "Vertex AI Workbench instances must disable file downloads, nbconvert and the terminal, and auto-upgrade",
    severity: "medium",
    provider: "gcp",
    rationale:
        "JupyterLab's download button and nbconvert export let anyone with the notebook carry training data and model " +
        "weights off the VPC Service Controls perimeter through the browser, and the terminal is a shell on the VM with the " +
        "service account's credentials. All three are on unless their `notebook-disable-*` metadata keys are \"true\". " +
        "Without `notebook-upgrade-schedule` the instance keeps the image it was created with, unpatched. Each requirement " +
        "is an option, because some teams need a terminal.",
    remediation: {
        terraform:
            'In `gce_setup.metadata`, set `"notebook-disable-downloads" = "true"`, `"notebook-disable-nbconvert" = "true"`, ' +
            '`"notebook-disable-terminal" = "true"` and `"notebook-upgrade-schedule"` to a cron schedule such as `"0 3 * * SUN"`.',
        pulumi:
            'In `gceSetup.metadata`, set `"notebook-disable-downloads": "true"`, `"notebook-disable-nbconvert": "true"`, ' +
            '`"notebook-disable-terminal": "true"` and `"notebook-upgrade-schedule"` to a cron schedule such as `"0 3 * * SUN"`.',
    },
    frameworks: {
        "gcp-org-policy": ["ainotebooks.disableFileDownloads", "ainotebooks.disableTerminal", "ainotebooks.requireAutoUpgradeSchedule"],
        "nist-800-53": ["AC-3(1)", "AC-6", "CM-2", "SI-2"],
        "owasp-ml": ["ML05"],
    },
    tags: ["workbench", "notebook", "vertex-ai", "exfiltration"],
    aliases: {},
    subjects: [types.workbenchInstance],
    scope: "resource",
    options: {
        requireDisableDownloads: {
            description: 'Require `notebook-disable-downloads` = "true".',
            schema: { type: "boolean" },
            default: true,
        },
        requireDisableNbconvert: {
            description: 'Require `notebook-disable-nbconvert` = "true".',
            schema: { type: "boolean" },
            default: true,
        },
        requireDisableTerminal: {
            description: 'Require `notebook-disable-terminal` = "true" (turn off for teams that need a terminal).',
            schema: { type: "boolean" },
            default: true,
        },
        requireUpgradeSchedule: {
            description: "Require a non-empty `notebook-upgrade-schedule` (auto-upgrade).",
            schema: { type: "boolean" },
            default: true,
        },
    },
    check(instance, { options }) {
        const results: CheckResult[] = [];
        for (const flag of FLAGS) {
            if (options[flag.option] === false) continue;
            results.push(expectMetadataTrue(instance, "gceSetup.metadata", flag.key, flag.what));
        }
        if (options.requireUpgradeSchedule !== false) {
            const schedule = metadataKey(instance, "gceSetup.metadata", UPGRADE_KEY);
            if (schedule.state === "unknown") {
                results.push(unknown(schedule, `The upgrade schedule (${schedule.path}) is computed; it must be a cron schedule.`));
            } else if (schedule.state === "absent") {
                results.push(fail(schedule, `No upgrade schedule is set (${schedule.path}), so the instance is never upgraded automatically; set a cron schedule such as "0 3 * * SUN".`));
            } else if (typeof schedule.value !== "string" || schedule.value.trim() === "") {
                results.push(fail(schedule, `The upgrade schedule (${schedule.path}) is empty or not a string; set a cron schedule such as "0 3 * * SUN".`));
            } else {
                results.push(pass(schedule, "Auto-upgrade is scheduled."));
            }
        }
        return allOf(instance, results, "Downloads, nbconvert and the terminal are disabled as required, and auto-upgrade is scheduled.");
    },
    examples: {
        pulumi: {
            good: [
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            gceSetup: {
                                machineType: "n2-standard-4",
                                metadata: {
                                    "notebook-disable-downloads": "true",
                                    "notebook-disable-nbconvert": "true",
                                    "notebook-disable-terminal": "true",
                                    "notebook-upgrade-schedule": "0 3 * * SUN",
                                },
                            },
                        },
                    },
                ],
            ],
            bad: [
                [{ type: types.workbenchInstance, name: "research", props: { location: "us-central1-a", gceSetup: { machineType: "n2-standard-4" } } }],
                [
                    {
                        type: types.workbenchInstance,
                        name: "research",
                        props: {
                            location: "us-central1-a",
                            gceSetup: {
                                machineType: "n2-standard-4",
                                metadata: {
                                    "notebook-disable-downloads": "false",
                                    "notebook-disable-nbconvert": "true",
                                    "notebook-disable-terminal": "true",
                                    "notebook-upgrade-schedule": "0 3 * * SUN",
                                },
                            },
                        },
                    },
                ],
            ],
        },
        terraform: {
            good: [
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
    metadata = {
      "notebook-disable-downloads" = "true"
      "notebook-disable-nbconvert" = "true"
      "notebook-disable-terminal"  = "true"
      "notebook-upgrade-schedule"  = "0 3 * * SUN"
    }
  }
}
`,
            ],
            bad: [
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
  }
}
`,
                `resource "google_workbench_instance" "research" {
  name     = "research"
  location = "us-central1-a"

  gce_setup {
    machine_type = "n2-standard-4"
    metadata = { "notebook-disable-downloads" = "true", "notebook-disable-nbconvert" = "true", "notebook-disable-terminal" = "false", "notebook-upgrade-schedule" = "0 3 * * SUN" }
  }
}
`,
            ],
        },
    },
});
