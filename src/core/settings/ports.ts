// Small settings a lead changes from chat (e.g. the Teams channel of the weekly digest). They
// live in the database, not the environment, because they are chosen where people talk.

export interface StoredSetting {
  key: string;
  value: string;
  updatedAt: string;
  updatedBy: string;
}

export interface SettingsRepository {
  get(key: string): StoredSetting | null;
  /** Inserts or replaces `key`, stamped with the clock's time and who changed it. */
  set(key: string, value: string, by: string): StoredSetting;
}
