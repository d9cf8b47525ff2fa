/**
 * The mlguard control catalog: the neutral resource model, the controls and the runner that both
 * front-ends (the policy pack and the Terraform checker) use.
 */
export * from "./model";
export * from "./control";
export * from "./graph";
export * from "./registry";
export * from "./run";
export * from "./resource-types";
export * from "./examples";
export { allControls } from "./controls";
export * as helpers from "./helpers";
export * from "./exceptions";
