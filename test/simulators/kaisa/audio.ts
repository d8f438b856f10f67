/** Tiny but real audio files for the recordings endpoint. */

/** 8 kHz mono 8-bit PCM WAV: a 44-byte RIFF header and `samples` of a 400 Hz tone. */
export function tinyWav(samples = 160): Buffer {
	const sampleRate = 8000;
	const data = Buffer.alloc(samples);
	for (let i = 0; i < samples; i++)
		data[i] = 128 + Math.round(100 * Math.sin((2 * Math.PI * 400 * i) / sampleRate));
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + samples, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16); // fmt chunk size
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate, 28); // byte rate
	header.writeUInt16LE(1, 32); // block align
	header.writeUInt16LE(8, 34); // bits per sample
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(samples, 40);
	return Buffer.concat([header, data]);
}

/**
 * One silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz, mono: 417 bytes), optionally behind
 * an empty ID3v2.3 tag as most encoders write it.
 */
export function tinyMp3(withId3 = true): Buffer {
	const frame = Buffer.alloc(417);
	frame.set([0xff, 0xfb, 0x90, 0xc4], 0);
	if (!withId3) return frame;
	const id3 = Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
	return Buffer.concat([id3, frame]);
}
