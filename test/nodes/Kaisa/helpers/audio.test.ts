import { detectAudio } from '../../../../nodes/Kaisa/helpers/audio';
import { tinyMp3, tinyWav } from '../../../simulators';

describe('detectAudio', () => {
	test.each([
		['a RIFF/WAVE file', tinyWav(), undefined, 'audio/wav', 'wav'],
		['an MP3 with ID3', tinyMp3(true), undefined, 'audio/mpeg', 'mp3'],
		['a bare MPEG layer III frame', tinyMp3(false), undefined, 'audio/mpeg', 'mp3'],
		['an AAC ADTS frame', Buffer.from([0xff, 0xf1, 0x50, 0x80]), undefined, 'audio/aac', 'aac'],
		['an Ogg file', Buffer.from('OggS\0\x02'), undefined, 'audio/ogg', 'ogg'],
		['a FLAC file', Buffer.from('fLaC\0\0\0\x22'), undefined, 'audio/flac', 'flac'],
		['the bytes, over a wrong format field', tinyWav(), 'mp3', 'audio/wav', 'wav'],
		['unknown bytes with format "MP3"', Buffer.from('abcd'), 'MP3', 'audio/mpeg', 'mp3'],
		[
			'unknown bytes with format "audio/x-wav"',
			Buffer.from('abcd'),
			'audio/x-wav',
			'audio/wav',
			'wav',
		],
		[
			'unknown bytes and no format',
			Buffer.from('abcd'),
			undefined,
			'application/octet-stream',
			'bin',
		],
		['an empty buffer', Buffer.alloc(0), 42, 'application/octet-stream', 'bin'],
	])('%s', (_case, bytes, format, mimeType, extension) => {
		expect(detectAudio(bytes, format)).toEqual({ mimeType, extension });
	});
});
