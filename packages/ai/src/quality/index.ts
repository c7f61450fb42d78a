export { qualityScore, GOOD_FROM, FAIR_FROM, type QualityFactor, type QualityFactorName, type QualityScore, type QualitySignals } from './score';
export { repeatedQuestions } from './repeats';
export { QUALITY_RUBRIC, type QualityAssessment, type QualityAssessmentRequest, type QualityAssessor } from './assessment';
