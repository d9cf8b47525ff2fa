/**
 * The tag (AWS) or label (GCP) key that records a deliberate, reviewed exception to a secure
 * default, with its reason as the value. mlguard's components write it when an escape hatch is
 * used; the policy pack reports every resource carrying it, so exceptions stay visible.
 */
export const EXCEPTION_TAG = "mlguard:exception";

/** GCP label keys cannot contain ":"; the same exception is recorded under this label key there. */
export const EXCEPTION_LABEL = "mlguard-exception";
