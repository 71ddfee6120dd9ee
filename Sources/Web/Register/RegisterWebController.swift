import Domain
import Persistence
import Vapor

/// 基础台账 pages: unit tree, grid, household, resident, search. Each handler asks the store
/// (which applies the caller's jurisdiction) and hands a model to a page.
struct RegisterWebController {
    func home(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let counts = try await req.store.counts(caller)
        var household: (Household, [ResidentView])?, offices: [OfficeBoard] = [], surveys: [(sampleID: Int64, round: String)] = []
        if case .household(let id) = caller.jurisdiction {
            household = (try await req.store.household(id: id, caller), try await req.store.residents(householdID: id, caller))
            offices = try await req.store.officeBoards(caller)
            surveys = try await req.store.portalSurveys(caller)
        }
        return HomePage.render(req.pageContext, counts: counts, household: household, offices: offices, surveys: surveys)
    }

    func units(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return UnitTreePage.render(req.pageContext, units: try await req.store.units(caller))
    }

    func household(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let h = try await req.store.household(id: try req.id(), caller)
        let grid = try? await req.store.unit(id: h.gridID, caller)
        let visits = caller.role.usesPortal ? [] : try await req.store.visits(householdID: h.id, caller)
        return HouseholdPage.render(req.pageContext, household: h, grid: grid, residents: try await req.store.residents(householdID: h.id, caller), visits: visits)
    }

    func resident(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        return ResidentPage.render(req.pageContext, resident: try await req.store.resident(id: try req.id(), caller), revealed: nil)
    }

    func reveal(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let id = try req.id()
        let revealed = try await req.store.reveal(residentID: id, caller)
        return ResidentPage.render(req.pageContext, resident: try await req.store.resident(id: id, caller), revealed: revealed)
    }

    func search(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let q = (try? req.query.get(String.self, at: "q")) ?? ""
        return SearchPage.render(req.pageContext, query: q, results: try await req.store.search(q, caller))
    }

    // MARK: forms

    struct HouseholdForm: Content { var address: String? }

    func newHouseholdForm(_ req: Request) async throws -> HTMLPage {
        let grid = try await req.store.unit(id: try req.id(), try req.caller())
        guard grid.kind == .grid else { throw NotFound() }
        return HouseholdFormPage.render(req.pageContext, action: Site.newHousehold(grid: grid.id).path, address: "", errors: [])
    }

    func createHousehold(_ req: Request) async throws -> Response {
        let form = try req.content.decode(HouseholdForm.self)
        let caller = try req.caller()
        // The grid in the address is checked like the form's page: outside the jurisdiction it does not exist.
        let grid = try await req.store.unit(id: try req.id(), caller)
        guard grid.kind == .grid else { throw NotFound() }
        let gridID = grid.id
        do {
            let h = try await req.store.createHousehold(gridID: gridID, address: form.address ?? "", caller)
            return req.redirect(to: Site.household(h.id).path)
        } catch let v as ValidationFailure {
            return try await HouseholdFormPage.render(req.pageContext, action: Site.newHousehold(grid: gridID).path, address: form.address ?? "", errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func editHouseholdForm(_ req: Request) async throws -> HTMLPage {
        let h = try await req.store.household(id: try req.id(), try req.caller())
        return HouseholdFormPage.render(req.pageContext, action: Site.editHousehold(h.id).path, address: h.address, errors: [])
    }

    func updateHousehold(_ req: Request) async throws -> Response {
        let caller = try req.caller()
        let form = try req.content.decode(HouseholdForm.self)
        let h = try await req.store.household(id: try req.id(), caller)
        do {
            _ = try await req.store.updateHousehold(id: h.id, gridID: h.gridID, address: form.address ?? "", caller)
            return req.redirect(to: Site.household(h.id).path)
        } catch let v as ValidationFailure {
            return try await HouseholdFormPage.render(req.pageContext, action: Site.editHousehold(h.id).path, address: form.address ?? "", errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    struct ResidentForm: Content {
        var name: String?; var gender: String?; var birthDate: String?; var idNumber: String?; var phone: String?; var tags: [String]?
        var input: ResidentInput {
            ResidentInput(name: name ?? "", gender: gender ?? "", birthDate: birthDate, idNumber: idNumber ?? "", phone: phone, tags: tags ?? [])
        }
    }

    func newResidentForm(_ req: Request) async throws -> HTMLPage {
        let h = try await req.store.household(id: try req.id(), try req.caller())
        return ResidentFormPage.render(req.pageContext, action: Site.newResident(household: h.id).path, form: ResidentForm(), errors: [])
    }

    func createResident(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ResidentForm.self)
        let householdID = try req.id()
        do {
            let r = try await req.store.createResident(householdID: householdID, form.input, try req.caller())
            return req.redirect(to: Site.resident(r.id).path)
        } catch let v as ValidationFailure {
            return try await ResidentFormPage.render(req.pageContext, action: Site.newResident(household: householdID).path, form: form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func editResidentForm(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let id = try req.id()
        let r = try await req.store.resident(id: id, caller)
        guard caller.role.mayWriteRegister else { throw Forbidden() }
        // The form needs the full numbers to edit them; opening it is a reveal and is audited as one.
        let full = caller.mayReveal ? try await req.store.reveal(residentID: id, caller) : nil
        let form = ResidentForm(name: r.name, gender: r.gender.rawValue, birthDate: r.birthDate, idNumber: full?.idNumber ?? "",
                                phone: full?.phone ?? "", tags: r.tags.map(\.rawValue))
        return ResidentFormPage.render(req.pageContext, action: Site.editResident(id).path, form: form, errors: [], masked: full == nil ? r : nil)
    }

    func updateResident(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ResidentForm.self)
        let id = try req.id()
        do {
            let caller = try req.caller()
            _ = try await req.store.updateResident(id: id, form.input, caller, keepBlankPersonalData: !caller.mayReveal)
            return req.redirect(to: Site.resident(id).path)
        } catch let v as ValidationFailure {
            let masked = try req.caller().mayReveal ? nil : try await req.store.resident(id: id, try req.caller())
            return try await ResidentFormPage.render(req.pageContext, action: Site.editResident(id).path, form: form, errors: v.errors, status: .unprocessableEntity, masked: masked).encodeResponse(for: req)
        }
    }
}

extension Request {
    /// The numeric `:id` of the route; anything else is simply not found.
    func id() throws -> Int64 {
        guard let raw = parameters.get("id"), let id = Int64(raw), id > 0 else { throw NotFound() }
        return id
    }
}
