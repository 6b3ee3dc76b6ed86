// A bulk job's states (shared by the store, the API and the UI; no imports, so the browser bundle can take it).
// running: a runner works on it or will pick it up; waiting: Kafka is unreachable and the job resumes by itself
// when it answers; paused: an operator paused it; cancelled and completed are final.
export const JOB_STATES = ["running", "waiting", "paused", "cancelled", "completed"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const isFinalJobState = (state: JobState) => state === "cancelled" || state === "completed";
