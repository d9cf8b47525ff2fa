import control from "../../catalog/controls/aws-sagemaker-monitoring-network-isolation";
import { edgeCases } from "../support/controls";
import { UNKNOWN, definition, inlineSchedule, namedSchedule } from "../support/monitoring-fixtures";

edgeCases(control, [
    { name: "isolation on passes", resources: [definition("dq", { enableNetworkIsolation: true })], expect: ["pass"] },
    { name: "absent fails: the default is false", resources: [definition("dq", {})], expect: ["fail"], message: /default false/ },
    { name: "a string false fails", resources: [definition("dq", { enableNetworkIsolation: "false" })], expect: ["fail"] },
    { name: "computed is not verifiable", resources: [definition("dq", { enableNetworkIsolation: UNKNOWN })], expect: ["unknown"] },
    { name: "an inline schedule definition is judged", resources: [inlineSchedule({ enableNetworkIsolation: false })], expect: ["fail"] },
    { name: "a named definition is inherited", resources: [definition("dq", { enableNetworkIsolation: true }), namedSchedule("dq")], expect: ["pass", "pass"] },
    { name: "a number fails without throwing", resources: [definition("dq", { enableNetworkIsolation: 1 })], expect: ["fail"] },
]);
