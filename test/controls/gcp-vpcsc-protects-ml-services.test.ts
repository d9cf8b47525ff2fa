import control from "../../catalog/controls/gcp-vpcsc-protects-ml-services";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const ML = ["aiplatform.googleapis.com", "notebooks.googleapis.com", "storage.googleapis.com"];
const perimeter = (props: Record<string, unknown>) => [
    { type: types.servicePerimeter, name: "p", props: { parent: "accessPolicies/1", name: "accessPolicies/1/servicePerimeters/p", title: "p", ...props } },
];

edgeCases(control, [
    { name: "all three ML services restricted passes", resources: perimeter({ status: { restrictedServices: ML } }), expect: ["pass"] },
    { name: "a missing service fails and is named", resources: perimeter({ status: { restrictedServices: ML.slice(0, 2) } }), expect: ["fail"], message: /storage\.googleapis\.com/ },
    { name: "no restricted services fails", resources: perimeter({ status: {} }), expect: ["fail"] },
    { name: "no status and no spec fails", resources: perimeter({}), expect: ["fail"] },
    { name: "a dry-run spec is judged on its services", resources: perimeter({ spec: { restrictedServices: ML } }), expect: ["pass"] },
    { name: "computed services are not verifiable yet", resources: perimeter({ status: { restrictedServices: UNKNOWN } }), expect: ["unknown"] },
    { name: "a computed item is not verifiable yet", resources: perimeter({ status: { restrictedServices: [...ML.slice(0, 2), UNKNOWN] } }), expect: ["unknown"] },
    { name: "service names compare without regard to case", resources: perimeter({ status: { restrictedServices: ML.map((s) => s.toUpperCase()) } }), expect: ["pass"] },
    { name: "a bridge is not applicable", resources: perimeter({ perimeterType: "PERIMETER_TYPE_BRIDGE", status: { resources: ["projects/1"] } }), expect: ["not-applicable"] },
    { name: "option: the required list is configurable", resources: perimeter({ status: { restrictedServices: ML } }), settings: { requiredServices: [...ML, "cloudkms.googleapis.com"] }, expect: ["fail"], message: /cloudkms/ },
    {
        name: "ServicePerimeters: each perimeter is judged",
        resources: [{ type: types.servicePerimeters, name: "ps", props: { parent: "accessPolicies/1", servicePerimeters: [{ name: "a", title: "a", status: { restrictedServices: ML } }, { name: "b", title: "b", status: { restrictedServices: [] } }] } }],
        expect: ["fail"],
    },
    { name: "a string restrictedServices does not throw", resources: perimeter({ status: { restrictedServices: "aiplatform.googleapis.com" } }), expect: ["fail"] },
]);
