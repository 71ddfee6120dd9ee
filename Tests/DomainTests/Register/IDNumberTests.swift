import Testing
@testable import Domain

@Suite struct IDNumberTests {
    @Test func acceptsAValidNumberWithXCheckCharacter() {
        #expect(IDNumber.validate("11010519491231002X") == nil)
        #expect(IDNumber.validate("11010519491231002x") == nil)   // lower-case x is normalised
    }

    @Test func rejectsAWrongCheckDigit() {
        #expect(IDNumber.validate("110105194912310021") == .checkDigit)
    }

    @Test func rejectsWrongLengthLettersAndImpossibleDates() {
        #expect(IDNumber.validate("1101051949123100") == .length)
        #expect(IDNumber.validate("11010519491231A02X") == .characters)
        #expect(IDNumber.validate("110105194913310025") == .birthDate)
    }

    @Test func masksAllButRegionAndLastFour() {
        #expect(IDNumber.mask("11010519491231002X") == "1101**********002X")
    }

    @Test func phonesAreValidatedAndMasked() {
        #expect(PhoneNumber.isValid("13812345678"))
        #expect(PhoneNumber.isValid("0938-8123456"))
        #expect(!PhoneNumber.isValid("12812345678"))
        #expect(!PhoneNumber.isValid("1381234567"))
        #expect(!PhoneNumber.isValid("138-1234-567a"))
        #expect(PhoneNumber.mask("13812345678") == "138****5678")
    }
}
