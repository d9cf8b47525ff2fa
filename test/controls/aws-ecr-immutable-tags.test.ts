import control from "../../catalog/controls/aws-ecr-immutable-tags";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";

const repo = (props: Record<string, unknown>) => ({ type: types.ecrRepository, name: "r", props });

edgeCases(control, [
    { name: "IMMUTABLE passes", resources: [repo({ imageTagMutability: "IMMUTABLE" })], expect: ["pass"] },
    { name: "absent fails: MUTABLE by default", resources: [repo({})], expect: ["fail"], message: /MUTABLE/, evidence: "MUTABLE" },
    { name: "MUTABLE fails", resources: [repo({ imageTagMutability: "MUTABLE" })], expect: ["fail"], evidence: "MUTABLE" },
    { name: "MUTABLE_WITH_EXCLUSION fails", resources: [repo({ imageTagMutability: "MUTABLE_WITH_EXCLUSION" })], expect: ["fail"] },
    {
        name: "IMMUTABLE_WITH_EXCLUSION with a narrow filter passes",
        resources: [repo({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters: [{ filter: "latest", filterType: "WILDCARD" }] })],
        expect: ["pass"],
    },
    {
        name: "IMMUTABLE_WITH_EXCLUSION with a catch-all filter fails at the filter",
        resources: [repo({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters: [{ filter: "*", filterType: "WILDCARD" }] })],
        expect: ["fail"],
        message: /every tag/,
    },
    { name: "computed exclusion filters are not verifiable", resources: [repo({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION", imageTagMutabilityExclusionFilters: UNKNOWN })], expect: ["unknown"] },
    { name: "a computed mutability is not verifiable", resources: [repo({ imageTagMutability: UNKNOWN })], expect: ["unknown"] },
    { name: "lower-case immutable is not the API value and fails", resources: [repo({ imageTagMutability: "immutable" })], expect: ["fail"] },
    { name: "a non-string fails without throwing", resources: [repo({ imageTagMutability: 1 })], expect: ["fail"] },
]);
