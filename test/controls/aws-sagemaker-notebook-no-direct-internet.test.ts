import control from "../../catalog/controls/aws-sagemaker-notebook-no-direct-internet";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const nb = (props: Record<string, unknown>) => [{ type: types.sagemakerNotebookInstance, name: "nb", props }];

edgeCases(control, [
    { name: "Disabled passes", resources: nb({ directInternetAccess: "Disabled" }), expect: ["pass"] },
    { name: "Enabled fails", resources: nb({ directInternetAccess: "Enabled" }), expect: ["fail"], message: /is not "Disabled"/, evidence: "Enabled" },
    { name: "absent fails: the provider default is Enabled", resources: nb({}), expect: ["fail"], message: /default "Enabled"/ },
    { name: "null is absent and fails", resources: nb({ directInternetAccess: null }), expect: ["fail"] },
    { name: "lower-case disabled is not the API value and fails", resources: nb({ directInternetAccess: "disabled" }), expect: ["fail"] },
    { name: "a boolean fails without throwing", resources: nb({ directInternetAccess: false }), expect: ["fail"] },
    { name: "an object fails without throwing", resources: nb({ directInternetAccess: { a: 1 } }), expect: ["fail"] },
    { name: "computed during preview is not verifiable yet", resources: nb({ directInternetAccess: UNKNOWN }), expect: ["unknown"] },
    {
        name: "an exemption with a reason still evaluates but marks the finding",
        resources: nb({ directInternetAccess: "Enabled" }),
        settings: { exemptions: [{ resource: "nb", reason: "sandbox account, no data" }] },
        expect: ["fail"],
        exempted: true,
    },
    {
        name: "an exemption matches URNs by glob",
        resources: nb({ directInternetAccess: "Enabled" }),
        settings: { exemptions: [{ resource: "urn:pulumi:test::*::nb", reason: "sandbox" }] },
        expect: ["fail"],
        exempted: true,
    },
    {
        name: "an exemption without a reason does not apply",
        resources: nb({ directInternetAccess: "Enabled" }),
        settings: { exemptions: [{ resource: "nb", reason: " " }] },
        expect: ["fail"],
        exempted: false,
    },
    {
        name: "an exemption for another resource does not apply",
        resources: nb({ directInternetAccess: "Enabled" }),
        settings: { exemptions: [{ resource: "other", reason: "sandbox" }] },
        expect: ["fail"],
        exempted: false,
    },
]);
