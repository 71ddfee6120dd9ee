import Domain
import Persistence
import Vapor

extension Domain.Unit: Content {}
extension Household: Content {}
extension Place: Content {}
extension ResidentView: Content {}
extension HouseholdView: Content {}
extension RevealedPersonalData: Content {}
extension RegisterCounts: Content {}
extension Account: Content {}

/// /api/v1 handlers: decode, call the store with the caller, encode. Described in openapi.yaml.
struct RegisterAPI {
    struct LoginBody: Content { var username: String; var password: String }
    struct LoginAnswer: Content { var token: String; var account: Account }

    func login(_ req: Request) async throws -> LoginAnswer {
        let body = try req.decodeJSON(LoginBody.self)
        switch try await SignIn.attempt(req, username: body.username.trimmed, password: body.password) {
        case .success(let account):
            return LoginAnswer(token: try await req.store.startSession(account: account, kind: .api, clientAddress: req.clientAddress), account: account)
        case .failure(.locked):
            throw Abort(.tooManyRequests)
        case .failure(.wrongCredentials):
            throw Abort(.unauthorized)
        }
    }

    func logout(_ req: Request) async throws -> HTTPStatus {
        if let token = req.headers.bearerAuthorization?.token { try await req.store.endSession(secret: token) }
        return .noContent
    }

    func me(_ req: Request) async throws -> Account { try req.auth.require(Account.self) }

    func units(_ req: Request) async throws -> [Domain.Unit] { try await req.store.units(try req.caller()) }
    func unit(_ req: Request) async throws -> Domain.Unit { try await req.store.unit(id: try req.id(), try req.caller()) }
    func counts(_ req: Request) async throws -> RegisterCounts { try await req.store.counts(try req.caller()) }

    func households(_ req: Request) async throws -> [HouseholdView] {
        try await req.store.households(gridID: try req.queryNumber("gridID", 1...Int64.max), try req.caller(),
                                       limit: Int(try req.queryNumber("limit", 1...1000) ?? 100),
                                       offset: Int(try req.queryNumber("offset", 0...Int64(Int32.max)) ?? 0))
    }
    func household(_ req: Request) async throws -> Household { try await req.store.household(id: try req.id(), try req.caller()) }
    func householdResidents(_ req: Request) async throws -> [ResidentView] {
        let caller = try req.caller()
        let h = try await req.store.household(id: try req.id(), caller)
        return try await req.store.residents(householdID: h.id, caller)
    }

    struct HouseholdBody: Content { var gridID: Int64; var address: String }

    func createHousehold(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(HouseholdBody.self)
        return try await req.store.createHousehold(gridID: body.gridID, address: body.address, try req.caller()).encodeResponse(status: .created, for: req)
    }
    func updateHousehold(_ req: Request) async throws -> Household {
        let body = try req.decodeJSON(HouseholdBody.self)
        return try await req.store.updateHousehold(id: try req.id(), gridID: body.gridID, address: body.address, try req.caller())
    }

    struct ResidentBody: Content, NullableFields {
        static let nullableFields: Set<String> = ["birthDate", "phone"]
        var householdID: Int64?
        var name: String; var gender: String; var birthDate: String?; var idNumber: String; var phone: String?; var tags: [String]?
        var input: ResidentInput { ResidentInput(name: name, gender: gender, birthDate: birthDate, idNumber: idNumber, phone: phone, tags: tags ?? []) }
    }

    func searchResidents(_ req: Request) async throws -> [ResidentView] {
        try await req.store.search((try? req.query.get(String.self, at: "q")) ?? "", try req.caller(), limit: 100)
    }
    func resident(_ req: Request) async throws -> ResidentView { try await req.store.resident(id: try req.id(), try req.caller()) }
    func createResident(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(ResidentBody.self)
        guard let hid = body.householdID else { throw ValidationFailure(field: "householdID", .required) }
        return try await req.store.createResident(householdID: hid, body.input, try req.caller()).encodeResponse(status: .created, for: req)
    }
    func updateResident(_ req: Request) async throws -> ResidentView {
        let body = try req.decodeJSON(ResidentBody.self)
        return try await req.store.updateResident(id: try req.id(), body.input, try req.caller())
    }
    func reveal(_ req: Request) async throws -> RevealedPersonalData { try await req.store.reveal(residentID: try req.id(), try req.caller()) }

    struct PlaceBody: Content { var gridID: Int64; var name: String; var kind: String; var address: String }

    func places(_ req: Request) async throws -> [Place] { try await req.store.places(gridID: try req.queryNumber("gridID", 1...Int64.max), try req.caller()) }
    func place(_ req: Request) async throws -> Place { try await req.store.place(id: try req.id(), try req.caller()) }
    func createPlace(_ req: Request) async throws -> Response {
        let b = try req.decodeJSON(PlaceBody.self)
        return try await req.store.savePlace(id: nil, gridID: b.gridID, name: b.name, kind: b.kind, address: b.address, try req.caller()).encodeResponse(status: .created, for: req)
    }
    func updatePlace(_ req: Request) async throws -> Place {
        let b = try req.decodeJSON(PlaceBody.self)
        return try await req.store.savePlace(id: try req.id(), gridID: b.gridID, name: b.name, kind: b.kind, address: b.address, try req.caller())
    }
}

extension Request {
    /// An optional whole-number query parameter; present but not a number in `range` is a 400.
    func queryNumber(_ name: String, _ range: ClosedRange<Int64>) throws -> Int64? {
        guard let raw = query[String.self, at: name] else { return nil }
        guard let n = Int64(raw), range.contains(n) else { throw APIBodyError(field: name, problem: .malformed) }
        return n
    }
}
