import control from "../../catalog/controls/gcp-workbench-hardened-jupyter";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const HARDENED = {
    "notebook-disable-downloads": "true",
    "notebook-disable-nbconvert": "true",
    "notebook-disable-terminal": "true",
    "notebook-upgrade-schedule": "0 3 * * SUN",
};
const instance = (gceSetup: unknown) => [{ type: types.workbenchInstance, name: "wb", props: { location: "us-central1-a", gceSetup } }];
const metadata = (m: Record<string, unknown>) => instance({ machineType: "n2-standard-4", metadata: { ...HARDENED, ...m } });

edgeCases(control, [
    { name: "all keys set passes", resources: metadata({}), expect: ["pass"] },
    { name: "absent metadata fails four times", resources: instance({ machineType: "n2-standard-4" }), expect: ["fail", "fail", "fail", "fail"] },
    { name: "downloads enabled fails", resources: metadata({ "notebook-disable-downloads": "false" }), expect: ["fail"], message: /download/ },
    { name: "downloads key absent fails: downloads are on by default", resources: metadata({ "notebook-disable-downloads": undefined }), expect: ["fail"], message: /default false/ },
    { name: "nbconvert enabled fails", resources: metadata({ "notebook-disable-nbconvert": "false" }), expect: ["fail"], message: /nbconvert/ },
    { name: "terminal enabled fails by default", resources: metadata({ "notebook-disable-terminal": "false" }), expect: ["fail"], message: /Terminal/ },
    { name: "option: terminal allowed when not required", resources: metadata({ "notebook-disable-terminal": "false" }), settings: { requireDisableTerminal: false }, expect: ["pass"] },
    { name: "option: downloads allowed when not required", resources: metadata({ "notebook-disable-downloads": undefined }), settings: { requireDisableDownloads: false }, expect: ["pass"] },
    { name: "option: nbconvert allowed when not required", resources: metadata({ "notebook-disable-nbconvert": "false" }), settings: { requireDisableNbconvert: false }, expect: ["pass"] },
    { name: "no upgrade schedule fails", resources: metadata({ "notebook-upgrade-schedule": undefined }), expect: ["fail"], message: /upgrade schedule/ },
    { name: "an empty upgrade schedule fails", resources: metadata({ "notebook-upgrade-schedule": "  " }), expect: ["fail"] },
    { name: "a number upgrade schedule fails without throwing", resources: metadata({ "notebook-upgrade-schedule": 3 }), expect: ["fail"] },
    { name: "option: no schedule passes when not required", resources: metadata({ "notebook-upgrade-schedule": undefined }), settings: { requireUpgradeSchedule: false }, expect: ["pass"] },
    { name: "a computed schedule is not verifiable yet", resources: metadata({ "notebook-upgrade-schedule": UNKNOWN }), expect: ["unknown"] },
    { name: "a computed flag is not verifiable yet", resources: metadata({ "notebook-disable-terminal": UNKNOWN }), expect: ["unknown"] },
    { name: "computed metadata is not verifiable yet, once per requirement", resources: instance({ metadata: UNKNOWN }), expect: ["unknown", "unknown", "unknown", "unknown"] },
    { name: "boolean true values pass", resources: metadata({ "notebook-disable-downloads": true, "notebook-disable-nbconvert": true, "notebook-disable-terminal": true }), expect: ["pass"] },
]);
