import { Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';

/** The browser console for reviewers and compliance officers, served by the API at /console. */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule {}
