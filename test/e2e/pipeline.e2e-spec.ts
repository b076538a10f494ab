import { embeddedBackends } from '../helpers/test-app';
import { describePipeline } from '../suites/pipeline.suite';

describePipeline('SQLite + in-process queue', embeddedBackends);
