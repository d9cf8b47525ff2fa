import control from "../../catalog/controls/aws-sagemaker-monitoring-traffic-encrypted";
import { edgeCases } from "../support/controls";
import { UNKNOWN, definition, inlineSchedule, namedSchedule } from "../support/monitoring-fixtures";

edgeCases(control, [
    { name: "a definition with encryption passes", resources: [definition("dq", { enableInterContainerTrafficEncryption: true })], expect: ["pass"] },
    { name: "a definition without network config fails: the default is false", resources: [definition("dq", undefined)], expect: ["fail"], evidence: false },
    { name: "explicit false fails", resources: [definition("dq", { enableInterContainerTrafficEncryption: false })], expect: ["fail"] },
    { name: "computed is not verifiable", resources: [definition("dq", { enableInterContainerTrafficEncryption: UNKNOWN })], expect: ["unknown"] },
    { name: "an inline schedule definition with encryption passes", resources: [inlineSchedule({ enableInterContainerTrafficEncryption: true })], expect: ["pass"] },
    { name: "an inline schedule definition without it fails", resources: [inlineSchedule({})], expect: ["fail"] },
    {
        name: "a schedule naming a definition by literal name inherits its verdict",
        resources: [definition("dq", { enableInterContainerTrafficEncryption: false }), namedSchedule("dq")],
        expect: ["fail", "fail"],
    },
    {
        name: "a schedule naming a definition through a reference inherits its verdict",
        resources: [definition("dq", { enableInterContainerTrafficEncryption: true }), namedSchedule(UNKNOWN, "dq")],
        expect: ["pass", "pass"],
    },
    { name: "a schedule naming a definition outside the stack is not verifiable", resources: [namedSchedule("elsewhere")], expect: ["unknown"] },
    { name: "a schedule without any definition is not applicable", resources: [namedSchedule(undefined)], expect: ["not-applicable"] },
    { name: "a computed inline definition is not verifiable", resources: [{ ...inlineSchedule({}), props: { monitoringScheduleConfig: { monitoringType: "DataQuality", monitoringJobDefinition: UNKNOWN } } }], expect: ["unknown"] },
]);
