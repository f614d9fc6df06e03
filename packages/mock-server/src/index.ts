export { SCENARIO_HEADER, SCENARIO_MODEL_PREFIX } from "./scenario-selector";
export type { ScenarioInfo } from "./scenarios/index";
export { listBuiltinScenarios } from "./scenarios/index";
export { startMockServer } from "./server";
export { quirkTranscripts, transcriptBody } from "./transcripts/index";
export type {
  MockChatRequest,
  MockErrorObject,
  MockScenario,
  MockScenarioContext,
  MockScenarioHandler,
  MockServer,
  MockServerOptions,
  MockServerStats,
  MockStreamWriter,
  MockTranscript,
  RecordedRequest,
} from "./types";
