export * from './category';
export * from './flag.entity';
export * from './flag-evidence.entity';
export * from './flag-policy';
export * from './flagging.service';
export * from './flags.service';
export * from './flagging.module';
