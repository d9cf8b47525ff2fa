import control from "../../catalog/controls/aws-sagemaker-notebook-supported-platform";
import { types } from "../../catalog/resource-types";
import { UNKNOWN, edgeCases } from "../support/controls";
import { terraformCases } from "../support/terraform-cases";

const nb = (props: Record<string, unknown>) => [{ type: types.sagemakerNotebookInstance, name: "nb", props }];

edgeCases(control, [
    { name: "notebook-al2023-v1 passes", resources: nb({ platformIdentifier: "notebook-al2023-v1" }), expect: ["pass"] },
    { name: "absent: the default notebook-al2-v3 is not deprecated and passes", resources: nb({}), expect: ["pass"] },
    { name: "notebook-al1-v1 fails", resources: nb({ platformIdentifier: "notebook-al1-v1" }), expect: ["fail"], message: /deprecated/ },
    { name: "notebook-al2-v1 fails", resources: nb({ platformIdentifier: "notebook-al2-v1" }), expect: ["fail"] },
    { name: "notebook-al2-v2 fails", resources: nb({ platformIdentifier: "notebook-al2-v2" }), expect: ["fail"] },
    { name: "a computed identifier is not verifiable", resources: nb({ platformIdentifier: UNKNOWN }), expect: ["unknown"] },
    { name: "a number fails without throwing", resources: nb({ platformIdentifier: 3 }), expect: ["fail"] },
    {
        name: "the deprecated list is an option: listing the default makes absent fail",
        resources: nb({}),
        settings: { deprecatedPlatforms: ["notebook-al2-v3"] },
        expect: ["fail"],
        message: /default notebook-al2-v3/,
        evidence: "notebook-al2-v3",
    },
    { name: "an option without the value lets it pass", resources: nb({ platformIdentifier: "notebook-al1-v1" }), settings: { deprecatedPlatforms: [] }, expect: ["pass"] },
    { name: "a malformed option is ignored, not a crash", resources: nb({ platformIdentifier: "notebook-al1-v1" }), settings: { deprecatedPlatforms: "x" }, expect: ["pass"] },
]);

terraformCases(control, [
    {
        name: "for_each instances are judged one by one",
        files: {
            "main.tf": `resource "aws_sagemaker_notebook_instance" "nb" {
  for_each            = { old = "notebook-al2-v1", new = "notebook-al2023-v1" }
  name                = each.key
  instance_type       = "ml.t3.medium"
  role_arn            = "arn:aws:iam::111122223333:role/r"
  platform_identifier = each.value
}
`,
        },
        expect: ["pass", "fail"],
    },
]);
