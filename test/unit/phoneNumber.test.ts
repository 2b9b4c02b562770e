import { normalizeSmsNumber } from '../../nodes/shared/validation/phoneNumber';

describe('normalizeSmsNumber', () => {
	test.each([
		['0612345678', '+31612345678'],
		['06-12 34 56 78', '+31612345678'],
		['+31612345678', '+31612345678'],
		['+31 (0)6 1234 5678'.replace('(0)', ''), '+31612345678'],
		['0031612345678', '+31612345678'],
		['0687654321', '+31687654321'],
		['097012345678', '+3197012345678'],
		['+3197012345678', '+3197012345678'],
		['+447911123456', '+447911123456'],
		['+32470123456', '+32470123456'],
		['0032470123456', '+32470123456'],
	])('accepts %s as %s', (input, expected) => {
		expect(normalizeSmsNumber(input)).toEqual({ valid: true, number: expected });
	});

	test.each([
		['0601234567', 'is in the 060 range, which KPN does not accept for SMS'],
		['0671234567', 'is in the 067 range, which KPN does not accept for SMS'],
		['0691234567', 'is in the 069 range, which KPN does not accept for SMS'],
		['+31691234567', 'is in the 069 range, which KPN does not accept for SMS'],
		['0201234567', 'is a Dutch number but not a mobile number (06… or 097…)'],
		['061234567', 'is a Dutch number but not a mobile number (06… or 097…)'],
		['06123456789', 'is a Dutch number but not a mobile number (06… or 097…)'],
		['612345678', 'needs a leading 0 (06…), +31 or another +<country code>'],
		['06abc12345', 'is not a valid phone number'],
		['+0123456789', 'is not a valid phone number'],
		['+1234567', 'is not a valid phone number'],
		['+1234567890123456', 'is not a valid phone number'],
		['   ', 'is empty'],
	])('refuses %s: %s', (input, reason) => {
		expect(normalizeSmsNumber(input)).toEqual({ valid: false, reason });
	});
});
