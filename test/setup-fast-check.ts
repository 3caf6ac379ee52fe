// Property tests run with a fixed seed so that CI is repeatable; set FC_SEED to explore others
// (a failure prints its seed and path to replay it).
import fc from 'fast-check';

const seed = process.env.FC_SEED === undefined ? 20261126 : Number(process.env.FC_SEED);
fc.configureGlobal({ seed });
