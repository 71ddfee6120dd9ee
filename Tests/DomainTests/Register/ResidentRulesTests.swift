import Testing
@testable import Domain

@Suite struct ResidentRulesTests {
    func input(name: String = "郭秀英", gender: String = "female", birth: String? = nil, id: String = "11010519491231002X",
               phone: String? = "13812345678", tags: [String] = []) -> ResidentInput {
        ResidentInput(name: name, gender: gender, birthDate: birth, idNumber: id, phone: phone, tags: tags)
    }

    @Test func birthDateDefaultsToTheOneInTheIDNumber() throws {
        let r = try ResidentRules.validate(input()).get()
        #expect(r.birthDate == "1949-12-31")
        #expect(r.gender == .female)
    }

    @Test func chineseGenderWordsAreAccepted() throws {
        #expect(try ResidentRules.validate(input(gender: "男")).get().gender == .male)
    }

    @Test func everyProblemIsReportedAtOnce() {
        guard case .failure(let f) = ResidentRules.validate(input(name: " ", gender: "x", id: "110105194912310021", phone: "123", tags: ["veteran;alien"])) else {
            Issue.record("should fail"); return
        }
        #expect(Set(f.errors.map(\.field)) == ["name", "gender", "idNumber", "phone", "tags"])
        #expect(f.errors.first { $0.field == "idNumber" }?.problem == .invalidIDCheckDigit)
    }

    @Test func aBirthDateThatContradictsTheIDNumberIsRefused() {
        guard case .failure(let f) = ResidentRules.validate(input(birth: "1950-01-01")) else { Issue.record("should fail"); return }
        #expect(f.errors == [FieldError(field: "birthDate", problem: .birthDateMismatch)])
    }

    @Test func tagsParseFromAListAndKeepOrder() throws {
        let r = try ResidentRules.validate(input(tags: ["elderly_alone; veteran", "veteran"])).get()
        #expect(r.tags == [.elderlyAlone, .veteran])
    }
}
