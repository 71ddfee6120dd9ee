import Foundation

/// What a person types to create or edit a resident, before it is trusted.
public struct ResidentInput: Sendable, Codable, Equatable {
    public var name: String
    public var gender: String
    public var birthDate: String?
    public var idNumber: String
    public var phone: String?
    public var tags: [String]
    public init(name: String, gender: String, birthDate: String?, idNumber: String, phone: String?, tags: [String]) {
        self.name = name; self.gender = gender; self.birthDate = birthDate
        self.idNumber = idNumber; self.phone = phone; self.tags = tags
    }
}

/// The checked form of `ResidentInput`.
public struct ValidResident: Sendable, Equatable {
    public var name: String
    public var gender: Gender
    public var birthDate: String
    public var idNumber: String
    public var phone: String?
    public var tags: [ResidentTag]
}

public enum ResidentRules {
    public static let maxNameLength = 40

    /// Checks every field and reports all problems at once. The birth date defaults to the
    /// one encoded in the ID number and must agree with it when given.
    public static func validate(_ input: ResidentInput, row: Int? = nil) -> Result<ValidResident, ValidationFailure> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ p: FieldProblem) { errors.append(FieldError(field: field, problem: p, row: row)) }

        let name = input.name.trimmed
        if name.isEmpty { fail("name", .required) } else if name.count > maxNameLength { fail("name", .tooLong) }

        let gender = Gender(rawValue: input.gender.trimmed.lowercased())
            ?? genderFromChinese(input.gender)
        if gender == nil { fail("gender", .invalidChoice) }

        let id = IDNumber.normalize(input.idNumber)
        var birthFromID: String?
        if id.isEmpty { fail("idNumber", .required) } else {
            switch IDNumber.validate(id) {
            case .length?, .characters?: fail("idNumber", .invalidIDNumber)
            case .birthDate?: fail("idNumber", .invalidIDBirthDate)
            case .checkDigit?: fail("idNumber", .invalidIDCheckDigit)
            case nil:
                if let b = IDNumber.birthDate(of: id) { birthFromID = CivilDate.iso(year: b.year, month: b.month, day: b.day) }
            }
        }

        var birth = birthFromID ?? ""
        if let given = input.birthDate?.trimmed, !given.isEmpty {
            if !isISODate(given) { fail("birthDate", .invalidDate) }
            else if let fromID = birthFromID, fromID != given { fail("birthDate", .birthDateMismatch) }
            else { birth = given }
        }

        var phone: String?
        if let raw = input.phone?.trimmed, !raw.isEmpty {
            if PhoneNumber.isValid(raw) { phone = PhoneNumber.normalize(raw) } else { fail("phone", .invalidPhone) }
        }

        var tags: [ResidentTag] = []
        for raw in input.tags {
            let parsed = ResidentTag.parseList(raw)
            tags += parsed.tags.filter { !tags.contains($0) }
            if !parsed.unknown.isEmpty { fail("tags", .unknownTag) }
        }

        guard errors.isEmpty, let gender else { return .failure(ValidationFailure(errors)) }
        return .success(ValidResident(name: name, gender: gender, birthDate: birth, idNumber: id, phone: phone, tags: tags))
    }

    static func genderFromChinese(_ raw: String) -> Gender? {
        switch raw.trimmed {
        case "男": .male
        case "女": .female
        default: nil
        }
    }

    public static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1900...2100).contains(y), (1...12).contains(m) else { return false }
        return (1...CivilDate.daysIn(month: m, year: y)).contains(d)
    }
}
