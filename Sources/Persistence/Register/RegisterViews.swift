import Domain

/// A resident as a screen shows it: personal data already masked.
public struct ResidentView: Sendable, Equatable, Codable {
    public var id: Int64
    public var householdID: Int64
    public var name: String
    public var gender: Gender
    public var birthDate: String
    public var idNumberMasked: String
    public var phoneMasked: String?
    public var tags: [ResidentTag]
    public var address: String
    public var gridID: Int64
}

public struct HouseholdView: Sendable, Equatable, Codable {
    public var id: Int64
    public var gridID: Int64
    public var address: String
    public var residentCount: Int
}

/// The plaintext, only returned by `reveal`, which audits it.
public struct RevealedPersonalData: Sendable, Equatable, Codable {
    public var idNumber: String
    public var phone: String?
}

public struct RegisterCounts: Sendable, Equatable, Codable {
    public var households: Int
    public var residents: Int
    public var places: Int
}
