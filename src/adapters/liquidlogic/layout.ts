/**
 * Liquid Logic's reference export layouts, LCS (children's) and LAS (adults')
 * (SOURCE-LAYOUTS.md, "Liquid Logic"): warehouse DIM_ / FACT_ keys and ISO date-times.
 * Supervision and supervision agreements are forms, exported one row per answer; the
 * form-answers layout says how each form is put back into one record.
 */
import { code, codeOrElse, indicator, indicatorWords, date, dateTime, flag, freeText, list, minutes, startInPost, text, unusedText, type FieldType, type SystemLayout } from '../layout.js';

const dateTimeType: FieldType = { kind: 'datetime' };

export const liquidlogic: SystemLayout = {
  system: 'liquidlogic',
  title: 'Liquid Logic',
  dateFormat: 'yyyy-mm-dd',
  codes: {
    professions: { 'Social Work': 'social-work', 'Occupational Therapy': 'occupational-therapy' },
    sessionKinds: { Formal: 'planned', 'Ad hoc': 'ad-hoc', Group: 'group', Professional: 'professional' },
    sessionStatuses: { COMPLETE: 'held', CANCELLED: 'cancelled', DRAFT: 'incomplete', SCHEDULED: 'planned', BOOKED: 'planned' },
    formStatuses: { COMPLETE: 'held', CANCELLED: 'cancelled', DRAFT: 'incomplete' },
    allocationTypes: indicatorWords('allocated', 'other'),
    planTypes: {
      ASSESS: 'assessment',
      CIN: 'cin',
      CP: 'cp',
      CLA: 'cic',
      LC: 'care-leaver',
      ADOPTP: 'adoption-placement',
      ADOPTS: 'adoption-support',
      PF: 'private-fostering',
      EH: 'early-help',
      ADOPTER: 'adopter',
      FOSTERC: 'foster-carer',
      ASC: 'adult-care',
    },
    caseStepTypes: {
      CSUP: 'discussion:supervision',
      MOVS: 'discussion:management-oversight',
      GSUP: 'discussion:group',
      DCLOSE: 'decision:closure',
      DTRANS: 'decision:transfer',
      DCP: 'decision:child-protection',
      DLEGAL: 'decision:legal-planning',
      CFAUDIT: 'audit:case-file',
    },
  },
  entities: [
    {
      entity: 'incidents',
      title: 'incidents',
      fields: { id: text('FACT_INCIDENT_ID', true), caseId: text('DIM_PERSON_ID', true), date: date('INCIDENT_DTTM', true), resolved: date('RESOLVED_DTTM'), type: text('INCIDENT_TYPE') },
    },
    {
      entity: 'residences',
      title: 'children’s home residents',
      fields: { childId: text('DIM_PERSON_ID', true), home: text('HOME_NAME', true), from: date('START_DTTM', true), to: date('END_DTTM') },
    },
    {
      entity: 'workers',
      title: 'workers',
      fields: {
        id: text('DIM_WORKER_ID', true),
        staffNumber: text('STAFF_ID'),
        staffId: text('STAFF_ID'),
        firstNames: text('FORENAME'),
        lastNames: text('SURNAME'),
        role: code('JOB_TITLE', 'roles', true, 'other'),
        team: text('DEPARTMENT_NAME', true),
        profession: codeOrElse('PROFESSION', 'professions', 'other'),
        start: startInPost('START_DTTM'),
        end: date('END_DTTM'),
        asyeStart: date('ASYE_START_DTTM'),
      },
    },
    {
      entity: 'supervisors',
      title: 'worker supervisors',
      fields: {
        workerId: text('DIM_WORKER_ID', true),
        supervisorId: text('SUPERVISOR_DIM_WORKER_ID', true),
        from: date('START_DTTM', true),
        to: date('END_DTTM'),
      },
    },
    {
      entity: 'form-answers',
      title: 'form answers',
      fields: {
        formId: text('FACT_FORM_ID', true),
        formType: text('DIM_LOOKUP_FORM_TYPE_ID_CODE', true),
        workerId: text('DIM_WORKER_ID'),
        personId: text('DIM_PERSON_ID'),
        status: text('FORM_STATUS', true),
        question: text('ANSWER_NO', true),
        answer: text('ANSWER'),
        answeredAt: text('ANSWERED_DTTM'),
        recordedAt: text('COMPLETED_DTTM'),
      },
      forms: [
        {
          formType: 'SUPERVISION',
          entity: 'sessions',
          title: 'supervision',
          columns: {
            id: { from: 'formId', type: { kind: 'text' }, required: true },
            workerId: { from: 'workerId', type: { kind: 'text' }, required: true },
            status: { from: 'status', type: { kind: 'code', map: 'sessionStatuses' }, required: true },
            recordedAt: { from: 'recordedAt', type: dateTimeType },
          },
          answers: {
            start: dateTime('SupDate', true),
            supervisorId: text('SupervisorId'),
            kind: code('SupType', 'sessionKinds', true),
            durationMinutes: minutes('DurationMins'),
            cancelReason: freeText('CancelReason'),
            diversityDiscussed: flag('DiversityDiscussed'),
            supervisorSignedAt: dateTime('SupervisorSignedDate'),
            superviseeSignedAt: dateTime('SuperviseeSignedDate'),
            // Form versions and hand-typed answers separate topics with any of these, or put one on a line.
            topics: list('Topics', ';,|\n\r'),
            notes: unusedText('Notes'),
            wellbeing: unusedText('Wellbeing'),
          },
        },
        {
          formType: 'SUPAGREE',
          entity: 'agreements',
          title: 'supervision agreement',
          columns: {
            workerId: { from: 'workerId', type: { kind: 'text' }, required: true },
            status: { from: 'status', type: { kind: 'code', map: 'formStatuses' }, required: true },
          },
          answers: {
            signed: date('SignedDate', true),
            supervisorId: text('SupervisorId', true),
            reviewed: date('ReviewDate'),
          },
        },
      ],
    },
    {
      entity: 'allocations',
      title: 'involvements',
      fields: {
        id: text('FACT_INVOLVEMENTS_ID', true),
        caseId: text('DIM_PERSON_ID', true),
        workerId: text('DIM_WORKER_ID', true),
        involvementType: text('DIM_LOOKUP_INVOLVEMENT_TYPE_CODE'),
        allocationType: indicator('IS_ALLOCATED_CW_FLAG', 'allocationTypes', 'other'),
        from: date('START_DTTM', true),
        to: date('END_DTTM'),
      },
    },
    {
      entity: 'plans',
      title: 'care plans',
      fields: {
        id: text('FACT_CARE_PLAN_ID', true),
        caseId: text('DIM_PERSON_ID', true),
        type: code('DIM_LOOKUP_PLAN_TYPE_ID_CODE', 'planTypes', true),
        from: date('START_DTTM', true),
        to: date('END_DTTM'),
        permanence: flag('PERMANENCE_FLAG'),
        stablePlacement: flag('STABLE_PLACEMENT_FLAG'),
        disabilityOnly: flag('DISABILITY_ONLY_FLAG'),
        longTermPlacement: flag('LONG_TERM_FLAG'),
      },
    },
    {
      entity: 'case-steps',
      title: 'case notes',
      fields: {
        id: text('FACT_CASENOTE_ID', true),
        caseId: text('DIM_PERSON_ID', true),
        // Visits, contacts and supervised contact (SUPERCONT) are case notes too, but not discussions.
        stepType: codeOrElse('DIM_LOOKUP_CASNT_TYPE_ID_CODE', 'caseStepTypes', 'other', true),
        start: dateTime('EVENT_DTTM', true),
        workerId: text('DIM_WORKER_ID', true),
        supervisorId: text('MANAGER_DIM_WORKER_ID'),
        recordedAt: dateTime('CREATE_DTTM'),
        supervisorSignedAt: dateTime('MANAGER_SIGNED_DTTM'),
        superviseeSignedAt: dateTime('WORKER_SIGNED_DTTM'),
        sessionId: text('FACT_FORM_ID'),
        notes: freeText('NOTE_TEXT'),
      },
    },
  ],
};
