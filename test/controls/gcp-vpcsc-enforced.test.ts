import control from "../../catalog/controls/gcp-vpcsc-enforced";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const NAME = "accessPolicies/1/servicePerimeters/p";
const perimeter = (props: Record<string, unknown>) => ({ type: types.servicePerimeter, name: "p", props: { parent: "accessPolicies/1", name: NAME, title: "p", ...props } });
const member = (props: Record<string, unknown>, deps?: Record<string, string[]>) => ({ type: types.servicePerimeterResource, name: "m", props: { resource: "projects/123", ...props }, deps });

edgeCases(control, [
    { name: "an enforced perimeter with projects passes", resources: [perimeter({ status: { resources: ["projects/123"] } })], expect: ["pass"] },
    { name: "dry-run only fails", resources: [perimeter({ useExplicitDryRunSpec: true, spec: { resources: ["projects/123"] } })], expect: ["fail"], message: /dry-run only/ },
    { name: "no status at all fails", resources: [perimeter({})], expect: ["fail"], message: /no status/ },
    { name: "an enforced perimeter without projects fails", resources: [perimeter({ status: { restrictedServices: ["aiplatform.googleapis.com"] } })], expect: ["fail"], message: /no project/ },
    { name: "a ServicePerimeterResource joined by reference adds a project", resources: [perimeter({ status: {} }), member({ perimeterName: UNKNOWN }, { perimeterName: ["p"] })], expect: ["pass"] },
    { name: "a ServicePerimeterResource naming the perimeter literally adds a project", resources: [perimeter({ status: {} }), member({ perimeterName: NAME })], expect: ["pass"] },
    { name: "a ServicePerimeterResource for another perimeter does not", resources: [perimeter({ status: {} }), member({ perimeterName: "accessPolicies/1/servicePerimeters/other" })], expect: ["fail"] },
    { name: "computed resources are not verifiable yet", resources: [perimeter({ status: { resources: UNKNOWN } })], expect: ["unknown"] },
    { name: "a computed status is not verifiable yet", resources: [perimeter({ status: UNKNOWN })], expect: ["unknown"] },
    { name: "a bridge is not applicable", resources: [perimeter({ perimeterType: "PERIMETER_TYPE_BRIDGE", status: { resources: ["projects/1"] } })], expect: ["not-applicable"] },
    {
        name: "ServicePerimeters: a dry-run-only entry fails",
        resources: [{ type: types.servicePerimeters, name: "ps", props: { parent: "accessPolicies/1", servicePerimeters: [{ name: "a", title: "a", status: { resources: ["projects/1"] } }, { name: "b", title: "b", spec: { resources: ["projects/2"] } }] } }],
        expect: ["fail"],
    },
]);
