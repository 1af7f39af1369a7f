import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Typed search attributes kept current by the case workflows so ops can filter in the Temporal
// UI (e.g. `SlaBreached = true AND Division = "north"`). Registered by infra/lib.sh at start-up
// and by docker-compose; the names here and there must match.
export const CaseRef = defineSearchAttributeKey('CaseRef', SearchAttributeType.KEYWORD);
export const CaseKind = defineSearchAttributeKey('CaseKind', SearchAttributeType.KEYWORD);
export const Stage = defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD);
export const Division = defineSearchAttributeKey('Division', SearchAttributeType.KEYWORD);
export const AssignedTo = defineSearchAttributeKey('AssignedTo', SearchAttributeType.KEYWORD);
export const NextDeadline = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const SlaBreached = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const PolicyRef = defineSearchAttributeKey('PolicyRef', SearchAttributeType.KEYWORD);
/** A restricted case (serious corruption): ops see that it is one, and the UI's readers are told to leave it to the counter-corruption unit. */
export const Restricted = defineSearchAttributeKey('Restricted', SearchAttributeType.BOOL);
/** The workflow waits on something people must fix: the allocation service, or missing data (see its state's `stalled`). */
export const Stalled = defineSearchAttributeKey('Stalled', SearchAttributeType.BOOL);

export const ALL_SEARCH_ATTRIBUTES = [CaseRef, CaseKind, Stage, Division, AssignedTo, NextDeadline, SlaBreached, PolicyRef, Restricted, Stalled];
