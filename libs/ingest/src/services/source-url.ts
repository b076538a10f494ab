import * as ipaddr from 'ipaddr.js';
import { AddressPolicy, refusedRange } from '@qinglang/config';
import { ApiError } from '@qinglang/operations';
import type { SourceProtocol } from '../entities/stream-source.entity';

/**
 * What kind of live source a URL names, refused with a clear error when it is none Qinglang pulls: HLS
 * (`http(s)://….m3u8`), HTTP-FLV (`http(s)://….flv`) or RTMP (`rtmp://`, `rtmps://`). A literal loopback or
 * private address is refused here already; host names are checked when they are resolved, on every connection.
 */
export function sourceProtocolOf(raw: string, addresses: AddressPolicy): SourceProtocol {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError(400, 'invalid_source_url', 'source.url is not a URL.');
  }
  let protocol: SourceProtocol;
  if (url.protocol === 'rtmp:' || url.protocol === 'rtmps:') protocol = 'rtmp';
  else if (url.protocol === 'http:' || url.protocol === 'https:') {
    const path = url.pathname.toLowerCase();
    if (path.endsWith('.m3u8')) protocol = 'hls';
    else if (path.endsWith('.flv')) protocol = 'flv';
    else
      throw new ApiError(
        422,
        'unsupported_source',
        'An http(s) source must be an HLS playlist (….m3u8) or an HTTP-FLV stream (….flv).',
      );
  } else
    throw new ApiError(
      422,
      'unsupported_source',
      `${url.protocol.replace(':', '')} sources are not pulled: use HLS, HTTP-FLV or RTMP(S).`,
    );
  if (url.username || url.password)
    throw new ApiError(422, 'unsupported_source', 'Put no credentials in the URL; use a signed URL instead.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new ApiError(400, 'invalid_source_url', 'source.url has no host.');
  const refused = ipaddr.isValid(host) ? refusedRange(host, addresses) : null;
  if (refused) throw new ApiError(422, 'url_not_allowed', `The source is a ${refused} address, which is not pulled.`);
  return protocol;
}
