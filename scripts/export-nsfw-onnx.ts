// Exports NSFWJS's MobileNetV2 (the Keras topology and uint8-quantised weights bundled inside the nsfwjs npm package)
// to an ONNX graph for onnxruntime-node. Run:
//   npx ts-node --transpile-only -r tsconfig-paths/register scripts/export-nsfw-onnx.ts [out.onnx]
// The output is byte-for-byte the same on every run: no timestamps, weights in the manifest's order.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { onnx } from 'onnx-proto';

interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: Array<Array<[string, number, number, unknown]>>;
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { min: number; scale: number; dtype: string };
}

interface ModelJson {
  modelTopology: { model_config: { config: { layers: KerasLayer[] } } };
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
}

const OUT = process.argv[2] ?? join(__dirname, '..', 'models', 'nsfw', 'mobilenet_v2.onnx');
const OPSET = 13;
const IMAGE_SIZE = 224;

function nsfwjsRoot(): string {
  return join(dirname(require.resolve('nsfwjs')), '..', '..');
}

/** A file of nsfwjs's bundled MobileNetV2: UMD modules, which is how nsfwjs 4 ships model.json and its shards. */
function bundled<T>(root: string, file: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the files are CommonJS modules found by path at run time
  return require(join(root, 'dist', 'models', 'mobilenet_v2', file)) as T;
}

/** The weights exactly as TF.js dequantises them: float32(q * scale + min). */
function loadWeights(root: string, model: ModelJson): Map<string, { shape: number[]; values: Float32Array }> {
  const weights = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const group of model.weightsManifest) {
    // Each shard is a UMD module whose export is the shard's bytes in base64.
    const bytes = Buffer.concat(
      group.paths.map((path) => Buffer.from(bundled<string>(root, `${path}.min.js`), 'base64')),
    );
    let offset = 0;
    for (const spec of group.weights) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      const q = spec.quantization;
      if (spec.dtype !== 'float32' || q?.dtype !== 'uint8') throw new Error(`unexpected weight type for ${spec.name}`);
      const values = new Float32Array(count);
      for (let i = 0; i < count; i++) values[i] = bytes[offset + i] * q.scale + q.min;
      offset += count;
      weights.set(spec.name, { shape: spec.shape, values });
    }
    if (offset !== bytes.length) throw new Error(`weight shard has ${bytes.length - offset} bytes left over`);
  }
  return weights;
}

/** Keras HWIO (or HWC1 for depthwise) kernel to ONNX OIHW. */
function toOihw(
  kernel: { shape: number[]; values: Float32Array },
  depthwise: boolean,
): { dims: number[]; values: Float64Array } {
  const [kh, kw, inputs, outputsOrMultiplier] = kernel.shape;
  const outputs = depthwise ? inputs * outputsOrMultiplier : outputsOrMultiplier;
  const perGroupInputs = depthwise ? 1 : inputs;
  const values = new Float64Array(outputs * perGroupInputs * kh * kw);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < inputs; i++)
        for (let o = 0; o < outputsOrMultiplier; o++) {
          const from = ((y * kw + x) * inputs + i) * outputsOrMultiplier + o;
          const out = depthwise ? i * outputsOrMultiplier + o : o;
          const inp = depthwise ? 0 : i;
          values[((out * perGroupInputs + inp) * kh + y) * kw + x] = kernel.values[from];
        }
  return { dims: [outputs, perGroupInputs, kh, kw], values };
}

function tensor(name: string, dims: number[], values: ArrayLike<number>): onnx.ITensorProto {
  const data = Float32Array.from(values);
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: Buffer.from(data.buffer) };
}

function ints(name: string, values: number[]): onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: values };
}

function int(name: string, value: number): onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

interface PendingConv {
  node: onnx.INodeProto;
  dims: number[];
  kernel: Float64Array;
  bias: Float64Array;
}

function build(model: ModelJson, weights: Map<string, { shape: number[]; values: Float32Array }>): onnx.IModelProto {
  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  const convs = new Map<string, PendingConv>();
  // Layers that add no node (Dropout, folded BatchNormalization, ZeroPadding2D) name the tensor they pass on.
  const alias = new Map<string, string>();
  const padding = new Map<string, { source: string; pads: number[] }>();
  const tensorOf = (layer: string) => alias.get(layer) ?? layer;
  const weight = (name: string) => {
    const found = weights.get(name);
    if (!found) throw new Error(`missing weight ${name}`);
    return found;
  };
  const constants = { zero: 'relu6_min', six: 'relu6_max' };
  initializers.push(tensor(constants.zero, [], [0]), tensor(constants.six, [], [6]));
  let output = '';

  nodes.push({
    opType: 'Transpose',
    input: ['input'],
    output: ['input_nchw'],
    name: 'to_nchw',
    attribute: [ints('perm', [0, 3, 1, 2])],
  });
  for (const layer of model.modelTopology.model_config.config.layers) {
    const inputs = (layer.inbound_nodes[0] ?? []).map(([name]) => tensorOf(name));
    const config = layer.config;
    switch (layer.class_name) {
      case 'InputLayer':
        alias.set(layer.name, 'input_nchw');
        break;
      case 'ZeroPadding2D': {
        const [[top, bottom], [left, right]] = config.padding as number[][];
        padding.set(layer.name, { source: inputs[0], pads: [top, left, bottom, right] });
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const depthwise = layer.class_name === 'DepthwiseConv2D';
        if (config.use_bias || config.activation !== 'linear') throw new Error(`${layer.name}: bias or activation`);
        const padded = padding.get(layer.inbound_nodes[0][0][0]);
        const kernel = toOihw(weight(`${layer.name}/${depthwise ? 'depthwise_kernel' : 'kernel'}`), depthwise);
        const [kh, kw] = kernel.dims.slice(2);
        // Keras "same" at stride 1 pads (k-1)/2 on each side; the stride-2 convolutions are "valid" after an
        // explicit ZeroPadding2D, which becomes the Conv's own (asymmetric) pads.
        const same = config.padding === 'same';
        if (same && (config.strides as number[]).some((s) => s !== 1))
          throw new Error(`${layer.name}: same at stride 2`);
        const pads = padded?.pads ?? (same ? [(kh - 1) / 2, (kw - 1) / 2, (kh - 1) / 2, (kw - 1) / 2] : [0, 0, 0, 0]);
        const node: onnx.INodeProto = {
          opType: 'Conv',
          name: layer.name,
          input: [padded?.source ?? inputs[0], `${layer.name}/W`, `${layer.name}/B`],
          output: [layer.name],
          attribute: [
            ints('kernel_shape', [kh, kw]),
            ints('strides', config.strides as number[]),
            ints('pads', pads),
            ints('dilations', config.dilation_rate as number[]),
            int('group', depthwise ? kernel.dims[0] : 1),
          ],
        };
        nodes.push(node);
        convs.set(layer.name, {
          node,
          dims: kernel.dims,
          kernel: kernel.values,
          bias: new Float64Array(kernel.dims[0]),
        });
        break;
      }
      case 'BatchNormalization': {
        // Folded into the convolution before it, in double precision: W' = W·γ/√(σ²+ε), b' = β − μ·γ/√(σ²+ε).
        const conv = convs.get(layer.inbound_nodes[0][0][0]);
        if (!conv) throw new Error(`${layer.name} does not follow a convolution`);
        const epsilon = config.epsilon as number;
        const [gamma, beta, mean, variance] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map(
          (part) => weight(`${layer.name}/${part}`).values,
        );
        const perOutput = conv.kernel.length / conv.dims[0];
        for (let o = 0; o < conv.dims[0]; o++) {
          const factor = gamma[o] / Math.sqrt(variance[o] + epsilon);
          for (let k = 0; k < perOutput; k++) conv.kernel[o * perOutput + k] *= factor;
          conv.bias[o] = beta[o] - mean[o] * factor;
        }
        alias.set(layer.name, inputs[0]);
        break;
      }
      case 'ReLU': {
        const max = config.max_value as number | null;
        if (max !== null && max !== 6) throw new Error(`${layer.name}: ReLU max ${max}`);
        nodes.push(
          max === 6
            ? {
                opType: 'Clip',
                name: layer.name,
                input: [inputs[0], constants.zero, constants.six],
                output: [layer.name],
              }
            : { opType: 'Relu', name: layer.name, input: [inputs[0]], output: [layer.name] },
        );
        break;
      }
      case 'Add':
        nodes.push({ opType: 'Add', name: layer.name, input: inputs, output: [layer.name] });
        break;
      case 'AveragePooling2D':
        if (config.padding !== 'valid') throw new Error(`${layer.name}: padded pooling`);
        nodes.push({
          opType: 'AveragePool',
          name: layer.name,
          input: inputs,
          output: [layer.name],
          attribute: [ints('kernel_shape', config.pool_size as number[]), ints('strides', config.strides as number[])],
        });
        break;
      case 'Flatten':
        // Keras flattens channels-last: back to NHWC first, so the Dense weights see features in their order.
        nodes.push(
          {
            opType: 'Transpose',
            name: `${layer.name}_nhwc`,
            input: inputs,
            output: [`${layer.name}_nhwc`],
            attribute: [ints('perm', [0, 2, 3, 1])],
          },
          {
            opType: 'Flatten',
            name: layer.name,
            input: [`${layer.name}_nhwc`],
            output: [layer.name],
            attribute: [int('axis', 1)],
          },
        );
        break;
      case 'Dense': {
        const kernel = weight(`${layer.name}/kernel`);
        const bias = weight(`${layer.name}/bias`);
        initializers.push(
          tensor(`${layer.name}/W`, kernel.shape, kernel.values),
          tensor(`${layer.name}/B`, bias.shape, bias.values),
        );
        const activation = config.activation as string;
        const linear = activation === 'linear';
        nodes.push({
          opType: 'Gemm',
          name: layer.name,
          input: [inputs[0], `${layer.name}/W`, `${layer.name}/B`],
          output: [linear ? layer.name : `${layer.name}_linear`],
        });
        if (activation === 'relu')
          nodes.push({
            opType: 'Relu',
            name: `${layer.name}_relu`,
            input: [`${layer.name}_linear`],
            output: [layer.name],
          });
        else if (activation === 'softmax')
          nodes.push({
            opType: 'Softmax',
            name: `${layer.name}_softmax`,
            input: [`${layer.name}_linear`],
            output: [layer.name],
            attribute: [int('axis', -1)],
          });
        else if (!linear) throw new Error(`${layer.name}: activation ${activation}`);
        break;
      }
      case 'Dropout':
        alias.set(layer.name, inputs[0]);
        break;
      default:
        throw new Error(`layer ${layer.name}: ${layer.class_name} is not supported`);
    }
    output = tensorOf(layer.name);
  }
  for (const [name, conv] of convs) {
    initializers.push(tensor(`${name}/W`, conv.dims, conv.kernel), tensor(`${name}/B`, [conv.dims[0]], conv.bias));
  }
  nodes.push({ opType: 'Identity', name: 'probabilities', input: [output], output: ['probabilities'] });

  const floatType = (dims: Array<number | string>): onnx.ITypeProto => ({
    tensorType: {
      elemType: onnx.TensorProto.DataType.FLOAT,
      shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
    },
  });
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'qinglang scripts/export-nsfw-onnx.ts',
    graph: {
      name: 'nsfwjs_mobilenet_v2',
      node: nodes,
      initializer: initializers,
      input: [{ name: 'input', type: floatType(['batch', IMAGE_SIZE, IMAGE_SIZE, 3]) }],
      output: [{ name: 'probabilities', type: floatType(['batch', 5]) }],
      docString: 'NSFWJS MobileNetV2. Input: RGB, NHWC, values in [0,1]. Output: drawing, hentai, neutral, porn, sexy.',
    },
  };
}

function main(): void {
  const root = nsfwjsRoot();
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const model = bundled<ModelJson>(root, 'model.min.js');
  const proto = build(model, loadWeights(root, model));
  proto.docString = `Exported from nsfwjs@${version} (MIT) by scripts/export-nsfw-onnx.ts`;
  const bytes = onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  console.log(
    JSON.stringify({ out: OUT, bytes: bytes.length, sha256, nsfwjs: version, nodes: proto.graph?.node?.length }),
  );
}

main();
