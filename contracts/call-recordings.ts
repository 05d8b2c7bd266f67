/** A call's recording as its detail shows it to someone allowed to hear it. */
export interface CallRecordingInfo {
  /** available: it can be played; deleted: the retention sweep deleted it on `deletedAt`. */
  status: 'available' | 'deleted';
  receivedAt: string | null;
  /** Uploaded audio: its size; a recording kept on the PBX: null. */
  sizeBytes: number | null;
  deletedAt: string | null;
}

/** One playback of a call's recording, in the log the administrator and the DPO read. */
export interface RecordingPlay {
  id: string;
  playedAt: string;
  staffId: string;
  staffName: string;
  callId: string;
  callRingingAt: string;
  answeredByName: string;
  deskName: string;
  projectName: string;
}

export interface RecordingPlayFilters {
  staffId?: string;
  callId?: string;
  from?: string;
  to?: string;
}

/**
 * What the call's detail (CallDetail, contracts/calls.ts) also answers: its recording, to those
 * allowed to hear it (null: none, or not theirs to hear).
 */
export interface CallDetailRecording {
  recording: CallRecordingInfo | null;
}
