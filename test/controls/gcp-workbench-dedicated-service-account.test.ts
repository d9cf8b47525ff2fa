import control from "../../catalog/controls/gcp-workbench-dedicated-service-account";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const SA = "research-workbench@ml-prod.iam.gserviceaccount.com";
const instance = (gceSetup: unknown, top: Record<string, unknown> = { instanceOwners: ["alice@example.com"] }) => [
    { type: types.workbenchInstance, name: "wb", props: { location: "us-central1-a", gceSetup, ...top } },
];
const account = (email: unknown, top?: Record<string, unknown>) => instance({ machineType: "n2-standard-4", serviceAccounts: [{ email }] }, top);
const owners = (instanceOwners: unknown) => account(SA, { instanceOwners });

edgeCases(control, [
    { name: "a dedicated account and one owner passes", resources: account(SA), expect: ["pass"] },
    { name: "absent service accounts fails: the Compute default SA is used", resources: instance({ machineType: "n2-standard-4" }), expect: ["fail"], message: /Compute Engine default/ },
    { name: "the Compute default SA fails", resources: account("123456789012-compute@developer.gserviceaccount.com"), expect: ["fail"], message: /default service account/ },
    { name: "the Compute default SA in upper case fails", resources: account("123456789012-COMPUTE@developer.gserviceaccount.com"), expect: ["fail"] },
    { name: "an empty e-mail fails", resources: account(""), expect: ["fail"] },
    { name: "a number e-mail fails without throwing", resources: account(7), expect: ["fail"] },
    { name: "a computed e-mail of an account in the stack passes", resources: [
        { type: types.serviceAccount, name: "sa", props: { accountId: "research-workbench" } },
        { ...account(UNKNOWN)[0], deps: { gceSetup: ["sa"] } },
    ], expect: ["pass"] },
    { name: "a computed e-mail from elsewhere is not verifiable yet", resources: account(UNKNOWN), expect: ["unknown"] },
    { name: "a computed gceSetup is not verifiable yet", resources: instance(UNKNOWN), expect: ["unknown"] },
    { name: "no owner fails", resources: account(SA, {}), expect: ["fail"], message: /owner/ },
    { name: "an empty owner list fails", resources: owners([]), expect: ["fail"] },
    { name: "two owners fail", resources: owners(["alice@example.com", "bob@example.com"]), expect: ["fail"], message: /2 owners/ },
    { name: "computed owners are not verifiable yet", resources: owners(UNKNOWN), expect: ["unknown"] },
    { name: "a computed owner in the list is not verifiable yet", resources: owners([UNKNOWN]), expect: ["unknown"] },
    { name: "both problems are reported", resources: instance({ machineType: "n2-standard-4" }, {}), expect: ["fail", "fail"] },
]);
