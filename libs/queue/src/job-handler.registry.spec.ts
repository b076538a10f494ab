import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JOB_NAMES, JobName } from './job-map';
import { HandlesJob, JobFailure, JobHandler, PermanentJobError } from './job-handler';
import { JobHandlerRegistry } from './job-handler.registry';

const calls: string[] = [];
function handlerFor(name: JobName, behaviour: () => Promise<void> = async () => undefined) {
  @Injectable()
  @HandlesJob(name)
  class Handler implements JobHandler {
    async handle() {
      calls.push(`handle ${name}`);
      await behaviour();
    }
    async onFailed(_payload: unknown, failure: JobFailure) {
      calls.push(`failed ${name} ${failure.code}`);
    }
  }
  return Handler;
}

async function registryWith(handlers: Array<ReturnType<typeof handlerFor>>) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobHandlerRegistry, ...handlers],
  }).compile();
  return moduleRef.get(JobHandlerRegistry);
}

describe('JobHandlerRegistry', () => {
  beforeEach(() => (calls.length = 0));

  it('refuses to boot when a job has no handler or two', async () => {
    const [first, ...rest] = JOB_NAMES;
    const missing = await registryWith(rest.map((n) => handlerFor(n)));
    expect(() => missing.resolve()).toThrow(`${first} has 0 handlers`);
    const doubled = await registryWith([...JOB_NAMES.map((n) => handlerFor(n)), handlerFor(first)]);
    expect(() => doubled.resolve()).toThrow(`${first} has 2 handlers`);
  });

  it('records a failure on the last attempt or a permanent error, and rethrows it either way', async () => {
    const [flaky, broken, ...rest] = JOB_NAMES;
    const registry = await registryWith([
      handlerFor(flaky, async () => Promise.reject(new Error('timeout'))),
      handlerFor(broken, async () => Promise.reject(new PermanentJobError('invalid_media', 'corrupt'))),
      ...rest.map((n) => handlerFor(n)),
    ]);
    await expect(registry.run(flaky, {} as never, { made: 0, max: 3 })).rejects.toThrow('timeout');
    expect(calls).toEqual([`handle ${flaky}`]);
    await expect(registry.run(flaky, {} as never, { made: 2, max: 3 })).rejects.toThrow('timeout');
    await expect(registry.run(broken, {} as never, { made: 0, max: 3 })).rejects.toThrow('corrupt');
    expect(calls).toEqual([
      `handle ${flaky}`,
      `handle ${flaky}`,
      `failed ${flaky} processing_error`,
      `handle ${broken}`,
      `failed ${broken} invalid_media`,
    ]);
  });
});
