/**
 * AzeusCare's reference export layouts (SOURCE-LAYOUTS.md, "AzeusCare"): abbreviated column
 * names, staff identified by EMP_ID, dates DD-MON-YYYY and date-times DD-MON-YYYY HH24:MI.
 * Two quirks: the supervisee signs a record by a response entry (AGREE or DISAGREE) with its
 * date, and case discussions and decisions share one case activities file, told apart by code.
 */
import { code, codeOrElse, indicator, indicatorWords, date, dateTime, flag, freeText, list, minutes, startInPost, text, type SystemLayout } from '../layout.js';

export const azeus: SystemLayout = {
  system: 'azeus',
  title: 'AzeusCare',
  dateFormat: 'dd-mon-yyyy',
  codes: {
    professions: { SW: 'social-work', OT: 'occupational-therapy' },
    sessionKinds: { FORMAL: 'planned', SITUATIONAL: 'ad-hoc', GROUP: 'group', PROFESSIONAL: 'professional' },
    sessionStatuses: { COMPLETED: 'held', CANCELLED: 'cancelled', POSTPONED: 'postponed', DNA: 'did-not-attend', SCHEDULED: 'planned', BOOKED: 'planned' },
    superviseeResponses: { AGREE: 'agree', DISAGREE: 'disagree' },
    allocationTypes: indicatorWords('allocated', 'other'),
    planTypes: {
      ASMT: 'assessment',
      CIN: 'cin',
      CPP: 'cp',
      LAC: 'cic',
      CL: 'care-leaver',
      ADOPT_PLC: 'adoption-placement',
      ADOPT_SUPP: 'adoption-support',
      PF: 'private-fostering',
      EH: 'early-help',
      ADOPTER: 'adopter',
      FC: 'foster-carer',
      ASC: 'adult-care',
    },
    caseStepTypes: {
      SUPV: 'discussion:supervision',
      MGMT_OVS: 'discussion:management-oversight',
      GRP_SUPV: 'discussion:group',
      DEC_CLOSE: 'decision:closure',
      DEC_TRANS: 'decision:transfer',
      DEC_CP: 'decision:child-protection',
      DEC_LEGAL: 'decision:legal-planning',
      FILE_AUDIT: 'audit:case-file',
    },
    caseStepStatuses: { COMPLETED: 'held', CANCELLED: 'cancelled', POSTPONED: 'cancelled', DNA: 'cancelled', DRAFT: 'incomplete' },
  },
  entities: [
    {
      entity: 'incidents',
      title: 'incidents',
      fields: { id: text('INCIDENT_ID', true), caseId: text('CASE_ID', true), date: date('INCIDENT_DT', true), resolved: date('RESOLVED_DT'), type: text('INCIDENT_TYPE') },
    },
    {
      entity: 'residences',
      title: 'residential placements',
      fields: { childId: text('CASE_ID', true), home: text('HOME_NAME', true), from: date('RES_START_DT', true), to: date('RES_END_DT') },
    },
    {
      entity: 'workers',
      title: 'staff',
      fields: {
        id: text('EMP_ID', true),
        staffNumber: text('STAFF_NO'),
        name: text('EMP_NAME'),
        role: code('DESIGNATION', 'roles', true, 'other'),
        team: text('TEAM_NAME', true),
        service: text('SVC_NAME'),
        profession: codeOrElse('PROF_CD', 'professions', 'other'),
        start: startInPost('EFFECT_DT_FR'),
        end: date('EFFECT_DT_TO'),
        asyeStart: date('ASYE_START_DT'),
      },
    },
    {
      entity: 'supervisors',
      title: 'supervisor history',
      fields: {
        workerId: text('EMP_ID', true),
        supervisorId: text('SUPV_EMP_ID', true),
        from: date('START_DT', true),
        to: date('END_DT'),
      },
    },
    {
      entity: 'sessions',
      title: 'supervision',
      fields: {
        id: text('SUPV_ID', true),
        workerId: text('EMP_ID', true),
        supervisorId: text('SUPV_EMP_ID'),
        kind: code('SUPV_TYPE', 'sessionKinds', true),
        status: code('STATUS', 'sessionStatuses', true),
        start: dateTime('SUPV_DT', true),
        durationMinutes: minutes('DURATION_MINS'),
        cancelReason: freeText('CANC_REAS'),
        recordedAt: dateTime('CREATE_DT'),
        supervisorSignedAt: dateTime('SUPV_SIGN_DT'),
        superviseeResponse: code('SUPVEE_RESP', 'superviseeResponses'),
        superviseeSignedAt: dateTime('SUPVEE_RESP_DT'),
        diversityDiscussed: flag('DIVERSITY_IND'),
        topics: list('TOPIC_CDS', ','),
        notes: freeText('REM'),
      },
    },
    {
      entity: 'agreements',
      title: 'supervision agreements',
      fields: {
        workerId: text('EMP_ID', true),
        supervisorId: text('SUPV_EMP_ID', true),
        signed: date('SIGN_DT', true),
        reviewed: date('RVW_DT'),
      },
    },
    {
      entity: 'allocations',
      title: 'caseworker',
      fields: {
        caseId: text('CASE_ID', true),
        workerId: text('EMP_ID', true),
        // Only the key worker is the allocated worker; other rows, and rows with no indicator, are not.
        allocationType: indicator('KEY_WKR_IND', 'allocationTypes', 'other'),
        from: date('EFFECTIVE_START_DT', true),
        to: date('EFFECTIVE_END_DT'),
      },
    },
    {
      entity: 'plans',
      title: 'plans',
      fields: {
        caseId: text('CASE_ID', true),
        type: code('PLAN_TYPE', 'planTypes', true),
        from: date('EFFECT_START_DT', true),
        to: date('EFFECT_END_DT'),
        permanence: flag('PERM_IND'),
        stablePlacement: flag('STABLE_PLCMT_IND'),
        disabilityOnly: flag('DISAB_ONLY_IND'),
        longTermPlacement: flag('LT_PLCMT_IND'),
      },
    },
    {
      entity: 'case-steps',
      title: 'case activities (case supervision, management oversight and decisions)',
      fields: {
        id: text('CASE_ACT_ID', true),
        caseId: text('CASE_ID', true),
        stepType: code('CASE_ACT_CD', 'caseStepTypes', true),
        start: dateTime('CASE_ACT_DT', true),
        workerId: text('RESP_WKR', true),
        supervisorId: text('APPR_BY_USR'),
        supervisorSignedAt: dateTime('APPR_DT'),
        recordedAt: dateTime('CREATE_DT'),
        status: code('STATUS', 'caseStepStatuses'),
        sessionId: text('SUPV_ID'),
        details: freeText('CASE_ACT_DET'),
      },
    },
  ],
};
