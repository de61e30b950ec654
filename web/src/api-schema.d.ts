// Generated from the server's OpenAPI document (GET /api/openapi.json) by scripts/api-schema.ts.
// Do not edit: change the route's zod schemas, then run `npx tsx scripts/api-schema.ts`.
export interface paths {
    "/api/action-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Action items across meetings, newest first (status: one or several, comma-separated) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    meeting_id?: number;
                    owner_id?: number;
                    series_id?: number;
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                closed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                due_date: string | null;
                                id: number;
                                meeting_id: number;
                                meeting_period: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                series_id: number;
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/action-items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        due_date?: string | null;
                        owner_id?: number;
                        /** @enum {string} */
                        status?: "open" | "in_progress" | "done" | "cancelled";
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closed_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            due_date: string | null;
                            id: number;
                            meeting_id: number;
                            meeting_period: string;
                            owner_id: number | null;
                            owner_name: string | null;
                            series_id: number;
                            /** @enum {string} */
                            status: "open" | "in_progress" | "done" | "cancelled";
                            title: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                body: string | null;
                                company_id: number | null;
                                contact_id: number | null;
                                /** Format: date-time */
                                created_at: string;
                                deal_id: number | null;
                                /** @enum {string} */
                                direction: "outbound" | "inbound";
                                duration_seconds: number | null;
                                id: number;
                                /** Format: date-time */
                                occurred_at: string;
                                outcome: string | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                subject: string | null;
                                /** @enum {string} */
                                type: "call" | "email" | "meeting" | "social";
                                user_id: number | null;
                                user_name: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body?: string | null;
                        company_id?: number | null;
                        contact_id?: number | null;
                        deal_id?: number | null;
                        /** @enum {string} */
                        direction?: "outbound" | "inbound";
                        duration_seconds?: number | null;
                        occurred_at?: unknown;
                        outcome?: ("connected" | "no_answer" | "voicemail" | "left_message" | "busy" | "wrong_number" | "gatekeeper" | "sent" | "replied" | "bounced" | "scheduled" | "completed" | "no_show" | "cancelled") | null;
                        properties?: {
                            [key: string]: unknown;
                        };
                        subject?: string | null;
                        /** @enum {string} */
                        type: "call" | "email" | "meeting" | "social";
                        user_id?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string | null;
                            company_id: number | null;
                            contact_id: number | null;
                            /** Format: date-time */
                            created_at: string;
                            deal_id: number | null;
                            /** @enum {string} */
                            direction: "outbound" | "inbound";
                            duration_seconds: number | null;
                            id: number;
                            /** Format: date-time */
                            occurred_at: string;
                            outcome: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            subject: string | null;
                            /** @enum {string} */
                            type: "call" | "email" | "meeting" | "social";
                            user_id: number | null;
                            user_name: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    unread?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                body: string;
                                contact_id: number | null;
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                kind: string;
                                payload: {
                                    [key: string]: unknown;
                                };
                                read_at: string | null;
                                role: string;
                                title: string;
                                /** Format: date-time */
                                trigger_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids: number[] | "all";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marked: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audience": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                company_id: number | null;
                                company_name: string | null;
                                /** Format: date-time */
                                created_at: string;
                                email: string | null;
                                external_id: string | null;
                                external_source: string | null;
                                first_name: string | null;
                                fit: number | null;
                                id: number;
                                interest: number | null;
                                job_title: string | null;
                                last_activity_at: string | null;
                                last_name: string | null;
                                latest_source: string | null;
                                lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                                lead_status_reason: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                mql_at: string | null;
                                mql_type: string | null;
                                original_source: string | null;
                                original_source_detail: string | null;
                                owner_id: number | null;
                                owner_name: string | null;
                                phone: string | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                quadrant: ("hot" | "nurture" | "fan" | "suppress") | null;
                                /** @description Taken out of marketing communications: left out of the marketing audience. */
                                suppressed: boolean;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                            /** @description How many contacts the filters match; given with the first page (no cursor), null on later pages. */
                            total: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audience/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "json";
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Newest first. Filters: action (exact, or its first part: `token` is every token.* line), actor (user id), actor_type, object_type, object_id, from/to (days YYYY-MM-DD in the workspace time zone, both included). */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                action: string;
                                actor_id: string | null;
                                actor_name: string | null;
                                actor_type: string;
                                actor_user_name: string | null;
                                /** Format: date-time */
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: number;
                                object_id: string | null;
                                object_name: string | null;
                                object_type: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                email: string | null;
                                id: number | null;
                                name: string;
                                /** @enum {string} */
                                role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                email: string | null;
                                id: number | null;
                                name: string;
                                /** @enum {string} */
                                role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            needed: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        name: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                email: string | null;
                                id: number | null;
                                name: string;
                                /** @enum {string} */
                                role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                email: string | null;
                                id: number | null;
                                name: string;
                                /** @enum {string} */
                                role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                contacts: number;
                                /** Format: date-time */
                                created_at: string;
                                currency: string;
                                ends_on: string | null;
                                events: number;
                                id: number;
                                monthly_spend: number;
                                name: string;
                                starts_on: string | null;
                                /** @enum {string} */
                                type: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "paid_ads" | "event" | "content" | "other";
                                utm_campaign: string;
                                visits: number;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currency?: string;
                        ends_on?: string | null;
                        monthly_spend?: number;
                        name: string;
                        starts_on?: string | null;
                        /** @enum {string} */
                        type: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "paid_ads" | "event" | "content" | "other";
                        utm_campaign: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            ends_on: string | null;
                            id: number;
                            monthly_spend: number;
                            name: string;
                            starts_on: string | null;
                            /** @enum {string} */
                            type: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "paid_ads" | "event" | "content" | "other";
                            utm_campaign: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currency?: string;
                        ends_on?: string | null;
                        monthly_spend?: number;
                        name?: string;
                        starts_on?: string | null;
                        /** @enum {string} */
                        type?: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "paid_ads" | "event" | "content" | "other";
                        utm_campaign?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            ends_on: string | null;
                            id: number;
                            monthly_spend: number;
                            name: string;
                            starts_on: string | null;
                            /** @enum {string} */
                            type: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "paid_ads" | "event" | "content" | "other";
                            utm_campaign: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/companies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                annual_revenue: number | null;
                                contact_count?: number;
                                country: string | null;
                                /** Format: date-time */
                                created_at: string;
                                domain: string | null;
                                employees: number | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                industry: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                owner_id: number | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        annual_revenue?: number | null;
                        country?: string | null;
                        created_at?: unknown;
                        domain?: string | null;
                        employees?: number | null;
                        external_id?: string | null;
                        external_source?: string;
                        industry?: string | null;
                        /** @enum {string} */
                        lifecycle_stage?: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                        name: string;
                        owner_id?: number | null;
                        properties?: {
                            [key: string]: unknown;
                        };
                        segment?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            annual_revenue: number | null;
                            contact_count?: number;
                            country: string | null;
                            /** Format: date-time */
                            created_at: string;
                            domain: string | null;
                            employees: number | null;
                            external_id: string | null;
                            external_source: string | null;
                            id: number;
                            industry: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            name: string;
                            owner_id: number | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            segment: string | null;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/companies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            annual_revenue: number | null;
                            contact_count?: number;
                            country: string | null;
                            /** Format: date-time */
                            created_at: string;
                            domain: string | null;
                            employees: number | null;
                            external_id: string | null;
                            external_source: string | null;
                            id: number;
                            industry: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            name: string;
                            owner_id: number | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            segment: string | null;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        annual_revenue?: number | null;
                        country?: string | null;
                        created_at?: unknown;
                        domain?: string | null;
                        employees?: number | null;
                        external_id?: string | null;
                        external_source?: string;
                        industry?: string | null;
                        /** @enum {string} */
                        lifecycle_stage?: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                        name?: string;
                        owner_id?: number | null;
                        properties?: {
                            [key: string]: unknown;
                        };
                        segment?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            annual_revenue: number | null;
                            contact_count?: number;
                            country: string | null;
                            /** Format: date-time */
                            created_at: string;
                            domain: string | null;
                            employees: number | null;
                            external_id: string | null;
                            external_source: string | null;
                            id: number;
                            industry: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            name: string;
                            owner_id: number | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            segment: string | null;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/companies/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                company_id: number | null;
                                company_name: string | null;
                                /** Format: date-time */
                                created_at: string;
                                email: string | null;
                                external_id: string | null;
                                external_source: string | null;
                                first_name: string | null;
                                id: number;
                                job_title: string | null;
                                last_name: string | null;
                                latest_source: string | null;
                                lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                                lead_status_reason: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                original_source: string | null;
                                original_source_detail: string | null;
                                owner_id: number | null;
                                owner_name: string | null;
                                phone: string | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/companies/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        other_id: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            annual_revenue: number | null;
                            contact_count?: number;
                            country: string | null;
                            /** Format: date-time */
                            created_at: string;
                            domain: string | null;
                            employees: number | null;
                            external_id: string | null;
                            external_source: string | null;
                            id: number;
                            industry: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            name: string;
                            owner_id: number | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            segment: string | null;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                company_id: number | null;
                                company_name: string | null;
                                /** Format: date-time */
                                created_at: string;
                                email: string | null;
                                external_id: string | null;
                                external_source: string | null;
                                first_name: string | null;
                                fit: number | null;
                                id: number;
                                interest: number | null;
                                job_title: string | null;
                                last_activity_at: string | null;
                                last_name: string | null;
                                latest_source: string | null;
                                lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                                lead_status_reason: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                mql_at: string | null;
                                mql_type: string | null;
                                original_source: string | null;
                                original_source_detail: string | null;
                                owner_id: number | null;
                                owner_name: string | null;
                                phone: string | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                quadrant: ("hot" | "nurture" | "fan" | "suppress") | null;
                                /** @description Taken out of marketing communications: left out of the marketing audience. */
                                suppressed: boolean;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                            /** @description How many contacts the filters match; given with the first page (no cursor), null on later pages. */
                            total: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        company_id?: number | null;
                        consent_again?: boolean;
                        created_at?: unknown;
                        email?: string | null;
                        external_id?: string | null;
                        external_source?: string;
                        first_name?: string | null;
                        job_title?: string | null;
                        last_name?: string | null;
                        latest_source?: string | null;
                        lead_status?: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                        lead_status_reason?: string | null;
                        /** @enum {string} */
                        lifecycle_stage?: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                        original_source?: string | null;
                        original_source_detail?: string | null;
                        owner_id?: number | null;
                        phone?: string | null;
                        properties?: {
                            [key: string]: unknown;
                        };
                        stage_history?: {
                            at: unknown;
                            /** @enum {string} */
                            stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            company_id: number | null;
                            company_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            email: string | null;
                            external_id: string | null;
                            external_source: string | null;
                            first_name: string | null;
                            id: number;
                            job_title: string | null;
                            last_name: string | null;
                            latest_source: string | null;
                            lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                            lead_status_reason: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            original_source: string | null;
                            original_source_detail: string | null;
                            owner_id: number | null;
                            owner_name: string | null;
                            phone: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            became: {
                                [key: string]: string;
                            };
                            company: {
                                annual_revenue: number | null;
                                contact_count?: number;
                                country: string | null;
                                /** Format: date-time */
                                created_at: string;
                                domain: string | null;
                                employees: number | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                industry: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                owner_id: number | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                /** Format: date-time */
                                updated_at: string;
                            } | null;
                            company_id: number | null;
                            company_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            email: string | null;
                            external_id: string | null;
                            external_source: string | null;
                            first_name: string | null;
                            id: number;
                            job_title: string | null;
                            last_name: string | null;
                            latest_source: string | null;
                            lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                            lead_status_reason: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            original_source: string | null;
                            original_source_detail: string | null;
                            owner_id: number | null;
                            owner_name: string | null;
                            phone: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        company_id?: number | null;
                        consent_again?: boolean;
                        email?: string | null;
                        external_id?: string | null;
                        external_source?: string;
                        first_name?: string | null;
                        job_title?: string | null;
                        last_name?: string | null;
                        latest_source?: string | null;
                        lead_status?: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                        lead_status_reason?: string | null;
                        /** @enum {string} */
                        lifecycle_stage?: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                        original_source?: string | null;
                        original_source_detail?: string | null;
                        owner_id?: number | null;
                        phone?: string | null;
                        properties?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            became: {
                                [key: string]: string;
                            };
                            company: {
                                annual_revenue: number | null;
                                contact_count?: number;
                                country: string | null;
                                /** Format: date-time */
                                created_at: string;
                                domain: string | null;
                                employees: number | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                industry: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                owner_id: number | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                /** Format: date-time */
                                updated_at: string;
                            } | null;
                            company_id: number | null;
                            company_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            email: string | null;
                            external_id: string | null;
                            external_source: string | null;
                            first_name: string | null;
                            id: number;
                            job_title: string | null;
                            last_name: string | null;
                            latest_source: string | null;
                            lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                            lead_status_reason: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            original_source: string | null;
                            original_source_detail: string | null;
                            owner_id: number | null;
                            owner_name: string | null;
                            phone: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/contacts/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            became: {
                                [key: string]: string;
                            };
                            company: {
                                annual_revenue: number | null;
                                contact_count?: number;
                                country: string | null;
                                /** Format: date-time */
                                created_at: string;
                                domain: string | null;
                                employees: number | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                industry: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                owner_id: number | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                /** Format: date-time */
                                updated_at: string;
                            } | null;
                            company_id: number | null;
                            company_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            email: string | null;
                            external_id: string | null;
                            external_source: string | null;
                            first_name: string | null;
                            id: number;
                            job_title: string | null;
                            last_name: string | null;
                            latest_source: string | null;
                            lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                            lead_status_reason: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            original_source: string | null;
                            original_source_detail: string | null;
                            owner_id: number | null;
                            owner_name: string | null;
                            phone: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        owner_id: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignment_id: number | null;
                            contact: {
                                became: {
                                    [key: string]: string;
                                };
                                company: {
                                    annual_revenue: number | null;
                                    contact_count?: number;
                                    country: string | null;
                                    /** Format: date-time */
                                    created_at: string;
                                    domain: string | null;
                                    employees: number | null;
                                    external_id: string | null;
                                    external_source: string | null;
                                    id: number;
                                    industry: string | null;
                                    /** @enum {string} */
                                    lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                    name: string;
                                    owner_id: number | null;
                                    properties: {
                                        [key: string]: unknown;
                                    };
                                    segment: string | null;
                                    /** Format: date-time */
                                    updated_at: string;
                                } | null;
                                company_id: number | null;
                                company_name: string | null;
                                /** Format: date-time */
                                created_at: string;
                                email: string | null;
                                external_id: string | null;
                                external_source: string | null;
                                first_name: string | null;
                                id: number;
                                job_title: string | null;
                                last_name: string | null;
                                latest_source: string | null;
                                lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                                lead_status_reason: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                original_source: string | null;
                                original_source_detail: string | null;
                                owner_id: number | null;
                                owner_name: string | null;
                                phone: string | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                updated_at: string;
                            };
                            owner_id: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            activities: {
                                [key: string]: unknown;
                            }[];
                            alerts: {
                                [key: string]: unknown;
                            }[];
                            contact: {
                                became: {
                                    [key: string]: string;
                                };
                                company: {
                                    annual_revenue: number | null;
                                    contact_count?: number;
                                    country: string | null;
                                    /** Format: date-time */
                                    created_at: string;
                                    domain: string | null;
                                    employees: number | null;
                                    external_id: string | null;
                                    external_source: string | null;
                                    id: number;
                                    industry: string | null;
                                    /** @enum {string} */
                                    lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                    name: string;
                                    owner_id: number | null;
                                    properties: {
                                        [key: string]: unknown;
                                    };
                                    segment: string | null;
                                    /** Format: date-time */
                                    updated_at: string;
                                } | null;
                                company_id: number | null;
                                company_name: string | null;
                                /** Format: date-time */
                                created_at: string;
                                email: string | null;
                                external_id: string | null;
                                external_source: string | null;
                                first_name: string | null;
                                id: number;
                                job_title: string | null;
                                last_name: string | null;
                                latest_source: string | null;
                                lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                                lead_status_reason: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                original_source: string | null;
                                original_source_detail: string | null;
                                owner_id: number | null;
                                owner_name: string | null;
                                phone: string | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                updated_at: string;
                            };
                            deals: {
                                [key: string]: unknown;
                            }[];
                            email_aliases: string[];
                            email_engagement: {
                                [key: string]: unknown;
                            }[];
                            events: {
                                [key: string]: unknown;
                            }[];
                            /** Format: date-time */
                            exported_at: string;
                            identities: {
                                [key: string]: unknown;
                            }[];
                            lead_assignments: {
                                [key: string]: unknown;
                            }[];
                            merges: {
                                [key: string]: unknown;
                            }[];
                            property_changes: {
                                [key: string]: unknown;
                            }[];
                            rejected_events: {
                                [key: string]: unknown;
                            }[];
                            scores: {
                                actions: {
                                    [key: string]: unknown;
                                }[];
                                current: {
                                    [key: string]: unknown;
                                } | null;
                                prediction: {
                                    [key: string]: unknown;
                                } | null;
                            };
                            stage_history: {
                                [key: string]: unknown;
                            }[];
                            visits: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        other_id: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            became: {
                                [key: string]: string;
                            };
                            company: {
                                annual_revenue: number | null;
                                contact_count?: number;
                                country: string | null;
                                /** Format: date-time */
                                created_at: string;
                                domain: string | null;
                                employees: number | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                industry: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                owner_id: number | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                /** Format: date-time */
                                updated_at: string;
                            } | null;
                            company_id: number | null;
                            company_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            email: string | null;
                            external_id: string | null;
                            external_source: string | null;
                            first_name: string | null;
                            id: number;
                            job_title: string | null;
                            last_name: string | null;
                            latest_source: string | null;
                            lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                            lead_status_reason: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            original_source: string | null;
                            original_source_detail: string | null;
                            owner_id: number | null;
                            owner_name: string | null;
                            phone: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/recycle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @enum {string} */
                        to_stage?: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            became: {
                                [key: string]: string;
                            };
                            company: {
                                annual_revenue: number | null;
                                contact_count?: number;
                                country: string | null;
                                /** Format: date-time */
                                created_at: string;
                                domain: string | null;
                                employees: number | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                industry: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                owner_id: number | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                /** Format: date-time */
                                updated_at: string;
                            } | null;
                            company_id: number | null;
                            company_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            email: string | null;
                            external_id: string | null;
                            external_source: string | null;
                            first_name: string | null;
                            id: number;
                            job_title: string | null;
                            last_name: string | null;
                            latest_source: string | null;
                            lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                            lead_status_reason: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            original_source: string | null;
                            original_source_detail: string | null;
                            owner_id: number | null;
                            owner_name: string | null;
                            phone: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        reason_code: "bad_fit" | "no_interest" | "unreachable" | "duplicate" | "competitor" | "student" | "other";
                        reason_text?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            became: {
                                [key: string]: string;
                            };
                            company: {
                                annual_revenue: number | null;
                                contact_count?: number;
                                country: string | null;
                                /** Format: date-time */
                                created_at: string;
                                domain: string | null;
                                employees: number | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                industry: string | null;
                                /** @enum {string} */
                                lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                owner_id: number | null;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                /** Format: date-time */
                                updated_at: string;
                            } | null;
                            company_id: number | null;
                            company_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            email: string | null;
                            external_id: string | null;
                            external_source: string | null;
                            first_name: string | null;
                            id: number;
                            job_title: string | null;
                            last_name: string | null;
                            latest_source: string | null;
                            lead_status: ("new" | "attempting" | "connected" | "qualified" | "unqualified" | "recycled") | null;
                            lead_status_reason: string | null;
                            /** @enum {string} */
                            lifecycle_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            original_source: string | null;
                            original_source_detail: string | null;
                            owner_id: number | null;
                            owner_name: string | null;
                            phone: string | null;
                            properties: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/score": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mql: {
                                mql_at: string | null;
                                mql_clause: string | null;
                                mql_definition_version: number | null;
                                mql_type: string | null;
                            };
                            prediction: {
                                factors: {
                                    contribution: number;
                                    /** @enum {string} */
                                    direction: "raises" | "lowers";
                                    feature: string;
                                    value: number;
                                }[];
                                model_version: number;
                                probability: number;
                                /** Format: date-time */
                                scored_at: string;
                            } | null;
                            score: {
                                fit: number;
                                fit_reasons: {
                                    label: string;
                                    points: number;
                                    ruleId: string;
                                    value: unknown;
                                }[];
                                interest: number;
                                interest_reasons: {
                                    count: number;
                                    /** @enum {string} */
                                    kind: "event" | "frequency";
                                    label: string;
                                    points: number;
                                    ruleId: string;
                                    since?: string;
                                }[];
                                model_version: number;
                                /** @enum {string} */
                                quadrant: "hot" | "nurture" | "fan" | "suppress";
                                /** Format: date-time */
                                scored_at: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/score-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                at: string;
                                fit: number;
                                interest: number;
                                prev_fit: number | null;
                                prev_interest: number | null;
                                prev_quadrant: ("hot" | "nurture" | "fan" | "suppress") | null;
                                /** @enum {string} */
                                quadrant: "hot" | "nurture" | "fan" | "suppress";
                                reason: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/stage-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                days: number;
                                /** Format: date-time */
                                entered_at: string;
                                exited_at: string | null;
                                label: string;
                                stage: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/suppression": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            suppression: {
                                by_name: string | null;
                                reason: string;
                                /**
                                 * @description manual: a person suppressed the contact and only a person lifts it; quadrant: scoring placed them in the suppress quadrant, lifted when they leave it.
                                 * @enum {string}
                                 */
                                source: "manual" | "quadrant";
                                /** Format: date-time */
                                suppressed_at: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            by_name: string | null;
                            reason: string;
                            /**
                             * @description manual: a person suppressed the contact and only a person lifts it; quadrant: scoring placed them in the suppress quadrant, lifted when they leave it.
                             * @enum {string}
                             */
                            source: "manual" | "quadrant";
                            /** Format: date-time */
                            suppressed_at: string;
                        };
                    };
                };
            };
        };
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                detail: string | null;
                                id: string;
                                title: string;
                                /** @enum {string} */
                                type: "stage_change" | "activity" | "deal_created" | "deal_stage" | "property_change" | "event" | "merge" | "score_change";
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/bulk/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contact_ids?: number[];
                        filter?: {
                            [key: string]: string;
                        };
                        owner_id: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigned: number;
                            contact_ids: number[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/bulk/stage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contact_ids?: number[];
                        filter?: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        to_stage: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            moved: number[];
                            refused: {
                                contact_id: number;
                                /** @enum {string} */
                                from: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                name: string;
                                problem: string;
                            }[];
                            /** @description Already at the stage asked for. */
                            unchanged: number[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/bulk/suppress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        contact_ids?: number[];
                        filter?: {
                            [key: string]: string;
                        };
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            suppressed: number[];
                            /** @description Already suppressed (a suppression by scoring becomes a manual one). */
                            unchanged: number[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/marketing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Marketing's day: the month's lead waterfall and yesterday's MQLs (PackDocument) */
        get: {
            parameters: {
                query?: {
                    day?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agenda: {
                                duration_minutes: number;
                                over_by_minutes: number;
                                total_minutes: number;
                            } | null;
                            generated_at: string;
                            /** @enum {string} */
                            kind: "weekly_pack" | "monthly_pack" | "daily_marketing" | "daily_sales_manager" | "daily_rep";
                            period: string;
                            sections: {
                                blocks: ({
                                    items: {
                                        detail?: string;
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                        href?: string;
                                        label: string;
                                        target?: number | null;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                        value: number | null;
                                    }[];
                                    /** @enum {string} */
                                    type: "figures";
                                } | {
                                    columns: {
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes" | "text" | "date";
                                        label: string;
                                    }[];
                                    empty?: string;
                                    rows: {
                                        cells: (string | number | null)[];
                                        href?: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    title?: string;
                                    /** @enum {string} */
                                    type: "table";
                                } | {
                                    categories: string[];
                                    /** @enum {string} */
                                    format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                    href?: string;
                                    /** @enum {string} */
                                    kind: "line" | "bar";
                                    series: {
                                        name: string;
                                        /** @enum {string} */
                                        style?: "line" | "dashed" | "bar";
                                        values: (number | null)[];
                                    }[];
                                    title: string;
                                    /** @enum {string} */
                                    type: "chart";
                                } | {
                                    empty?: string;
                                    items: {
                                        detail?: string;
                                        href?: string;
                                        text: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    /** @enum {string} */
                                    type: "list";
                                } | {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                })[];
                                key: string;
                                minutes: number | null;
                                presenter: string | null;
                                title: string;
                            }[];
                            subtitle: string;
                            time_zone: string;
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/marketing.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Marketing's day: the month's lead waterfall and yesterday's MQLs, as a printable HTML page */
        get: {
            parameters: {
                query?: {
                    day?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/marketing.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Marketing's day: the month's lead waterfall and yesterday's MQLs, as a PDF file */
        get: {
            parameters: {
                query?: {
                    day?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/rep": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rep's queue (default: the caller's own) (PackDocument) */
        get: {
            parameters: {
                query?: {
                    day?: string;
                    user_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agenda: {
                                duration_minutes: number;
                                over_by_minutes: number;
                                total_minutes: number;
                            } | null;
                            generated_at: string;
                            /** @enum {string} */
                            kind: "weekly_pack" | "monthly_pack" | "daily_marketing" | "daily_sales_manager" | "daily_rep";
                            period: string;
                            sections: {
                                blocks: ({
                                    items: {
                                        detail?: string;
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                        href?: string;
                                        label: string;
                                        target?: number | null;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                        value: number | null;
                                    }[];
                                    /** @enum {string} */
                                    type: "figures";
                                } | {
                                    columns: {
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes" | "text" | "date";
                                        label: string;
                                    }[];
                                    empty?: string;
                                    rows: {
                                        cells: (string | number | null)[];
                                        href?: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    title?: string;
                                    /** @enum {string} */
                                    type: "table";
                                } | {
                                    categories: string[];
                                    /** @enum {string} */
                                    format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                    href?: string;
                                    /** @enum {string} */
                                    kind: "line" | "bar";
                                    series: {
                                        name: string;
                                        /** @enum {string} */
                                        style?: "line" | "dashed" | "bar";
                                        values: (number | null)[];
                                    }[];
                                    title: string;
                                    /** @enum {string} */
                                    type: "chart";
                                } | {
                                    empty?: string;
                                    items: {
                                        detail?: string;
                                        href?: string;
                                        text: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    /** @enum {string} */
                                    type: "list";
                                } | {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                })[];
                                key: string;
                                minutes: number | null;
                                presenter: string | null;
                                title: string;
                            }[];
                            subtitle: string;
                            time_zone: string;
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/rep.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rep's queue (default: the caller's own), as a printable HTML page */
        get: {
            parameters: {
                query?: {
                    day?: string;
                    user_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/rep.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rep's queue (default: the caller's own), as a PDF file */
        get: {
            parameters: {
                query?: {
                    day?: string;
                    user_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/sales-manager": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sales manager's day: leads late now, SLA compliance per rep (PackDocument) */
        get: {
            parameters: {
                query?: {
                    day?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agenda: {
                                duration_minutes: number;
                                over_by_minutes: number;
                                total_minutes: number;
                            } | null;
                            generated_at: string;
                            /** @enum {string} */
                            kind: "weekly_pack" | "monthly_pack" | "daily_marketing" | "daily_sales_manager" | "daily_rep";
                            period: string;
                            sections: {
                                blocks: ({
                                    items: {
                                        detail?: string;
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                        href?: string;
                                        label: string;
                                        target?: number | null;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                        value: number | null;
                                    }[];
                                    /** @enum {string} */
                                    type: "figures";
                                } | {
                                    columns: {
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes" | "text" | "date";
                                        label: string;
                                    }[];
                                    empty?: string;
                                    rows: {
                                        cells: (string | number | null)[];
                                        href?: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    title?: string;
                                    /** @enum {string} */
                                    type: "table";
                                } | {
                                    categories: string[];
                                    /** @enum {string} */
                                    format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                    href?: string;
                                    /** @enum {string} */
                                    kind: "line" | "bar";
                                    series: {
                                        name: string;
                                        /** @enum {string} */
                                        style?: "line" | "dashed" | "bar";
                                        values: (number | null)[];
                                    }[];
                                    title: string;
                                    /** @enum {string} */
                                    type: "chart";
                                } | {
                                    empty?: string;
                                    items: {
                                        detail?: string;
                                        href?: string;
                                        text: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    /** @enum {string} */
                                    type: "list";
                                } | {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                })[];
                                key: string;
                                minutes: number | null;
                                presenter: string | null;
                                title: string;
                            }[];
                            subtitle: string;
                            time_zone: string;
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/sales-manager.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sales manager's day: leads late now, SLA compliance per rep, as a printable HTML page */
        get: {
            parameters: {
                query?: {
                    day?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/daily-dashboards/sales-manager.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sales manager's day: leads late now, SLA compliance per rep, as a PDF file */
        get: {
            parameters: {
                query?: {
                    day?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number | null;
                                close_date: string | null;
                                close_note: string | null;
                                closed_at: string | null;
                                company_id: number | null;
                                company_name: string | null;
                                contact_id: number | null;
                                contact_name: string | null;
                                /** Format: date-time */
                                created_at: string;
                                currency: string;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                lost_reason: string | null;
                                lost_reason_label: string | null;
                                name: string;
                                /** @enum {string} */
                                outcome: "open" | "won" | "lost";
                                owner_id: number | null;
                                owner_name: string | null;
                                pipeline_id: number;
                                properties: {
                                    [key: string]: unknown;
                                };
                                segment: string | null;
                                stage: string;
                                stage_label: string;
                                /** Format: date-time */
                                updated_at: string;
                                win_reason: string | null;
                                win_reason_label: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount?: number | null;
                        close_date?: string | null;
                        close_note?: string | null;
                        closed_at?: unknown;
                        company_id?: number | null;
                        contact_id?: number | null;
                        created_at?: unknown;
                        currency?: string;
                        external_id?: string | null;
                        external_source?: string;
                        lost_reason?: string | null;
                        name: string;
                        owner_id?: number | null;
                        pipeline_id?: number;
                        properties?: {
                            [key: string]: unknown;
                        };
                        segment?: string | null;
                        stage: string;
                        win_reason?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number | null;
                            close_date: string | null;
                            close_note: string | null;
                            closed_at: string | null;
                            company_id: number | null;
                            company_name: string | null;
                            contact_id: number | null;
                            contact_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            external_id: string | null;
                            external_source: string | null;
                            id: number;
                            lost_reason: string | null;
                            lost_reason_label: string | null;
                            name: string;
                            /** @enum {string} */
                            outcome: "open" | "won" | "lost";
                            owner_id: number | null;
                            owner_name: string | null;
                            pipeline_id: number;
                            properties: {
                                [key: string]: unknown;
                            };
                            segment: string | null;
                            stage: string;
                            stage_label: string;
                            /** Format: date-time */
                            updated_at: string;
                            win_reason: string | null;
                            win_reason_label: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number | null;
                            close_date: string | null;
                            close_note: string | null;
                            closed_at: string | null;
                            company_id: number | null;
                            company_name: string | null;
                            contact_id: number | null;
                            contact_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            external_id: string | null;
                            external_source: string | null;
                            id: number;
                            lost_reason: string | null;
                            lost_reason_label: string | null;
                            name: string;
                            /** @enum {string} */
                            outcome: "open" | "won" | "lost";
                            owner_id: number | null;
                            owner_name: string | null;
                            pipeline_id: number;
                            properties: {
                                [key: string]: unknown;
                            };
                            segment: string | null;
                            stage: string;
                            stage_label: string;
                            /** Format: date-time */
                            updated_at: string;
                            win_reason: string | null;
                            win_reason_label: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount?: number | null;
                        close_date?: string | null;
                        close_note?: string | null;
                        company_id?: number | null;
                        contact_id?: number | null;
                        currency?: string;
                        external_id?: string | null;
                        external_source?: string;
                        lost_reason?: string | null;
                        name?: string;
                        owner_id?: number | null;
                        pipeline_id?: unknown;
                        properties?: {
                            [key: string]: unknown;
                        };
                        segment?: string | null;
                        stage?: string;
                        win_reason?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number | null;
                            close_date: string | null;
                            close_note: string | null;
                            closed_at: string | null;
                            company_id: number | null;
                            company_name: string | null;
                            contact_id: number | null;
                            contact_name: string | null;
                            /** Format: date-time */
                            created_at: string;
                            currency: string;
                            external_id: string | null;
                            external_source: string | null;
                            id: number;
                            lost_reason: string | null;
                            lost_reason_label: string | null;
                            name: string;
                            /** @enum {string} */
                            outcome: "open" | "won" | "lost";
                            owner_id: number | null;
                            owner_name: string | null;
                            pipeline_id: number;
                            properties: {
                                [key: string]: unknown;
                            };
                            segment: string | null;
                            stage: string;
                            stage_label: string;
                            /** Format: date-time */
                            updated_at: string;
                            win_reason: string | null;
                            win_reason_label: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/events/rejected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: number;
                                message_id: string | null;
                                payload?: unknown;
                                reason: string;
                                /** Format: date-time */
                                received_at: string;
                                write_key_id: number | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/export/{object}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    format?: "csv" | "json";
                    q?: string;
                };
                header?: never;
                path: {
                    object: "contacts" | "companies" | "deals" | "activities" | "campaigns";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contacts created in the window: how many reached each stage, conversion between stages, median days between them, and a cohort table by creation month. */
        get: {
            parameters: {
                query?: {
                    /** @description only contacts of this original source (e.g. 'Paid Search') */
                    channel?: string;
                    /** @description first day YYYY-MM-DD, or first month YYYY-MM */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description only contacts of companies in this segment */
                    segment?: string;
                    /** @description last day YYYY-MM-DD, or last month YYYY-MM (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cohorts: {
                                created: number;
                                month: string;
                                reached: {
                                    customer: number;
                                    evangelist: number;
                                    lead: number;
                                    mql: number;
                                    opportunity: number;
                                    sql: number;
                                    subscriber: number;
                                };
                            }[];
                            conversions: {
                                /** @enum {string} */
                                from: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                                median_days: number | null;
                                rate: number | null;
                                sample: number;
                                /** @enum {string} */
                                to: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                            }[];
                            from: string;
                            stages: {
                                count: number;
                                /** @enum {string} */
                                key: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                                label: string;
                                mean_days_in_stage: number | null;
                                median_days_in_stage: number | null;
                                moved: number;
                                reached: number;
                                stays: number;
                            }[];
                            to: string;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/funnel/stages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                description: string;
                                in_funnel: boolean;
                                /** @enum {string} */
                                key: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                                label: string;
                                /** @description The stages a plain stage change accepts from this one (forward, or into or out of Other); going back is a recycle or a rejection. */
                                moves_to: ("subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other")[];
                                position: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/funnel/stages/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            description: string;
                            in_funnel: boolean;
                            /** @enum {string} */
                            key: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist" | "other";
                            label: string;
                            position: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    year?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marketing_influenced_share: number | null;
                            marketing_sourced_share: number;
                            period: string;
                            revenue_goal: number;
                            /** Format: date-time */
                            updated_at: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/goals/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    period: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        marketing_influenced_share?: number | null;
                        marketing_sourced_share: number;
                        revenue_goal: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marketing_influenced_share: number | null;
                            marketing_sourced_share: number;
                            period: string;
                            revenue_goal: number;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    period: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import/{object}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    consent_again?: "true" | "false";
                    create_properties?: "true" | "false";
                    date_format?: "auto" | "mdy" | "dmy";
                    dry_run?: "true" | "false";
                    external_source?: string;
                    ignore_unknown?: "true" | "false";
                    map?: string | string[];
                    map_values?: string | string[];
                    set?: string | string[];
                    value_map?: string;
                };
                header?: never;
                path: {
                    object: "contacts" | "companies" | "deals" | "activities" | "campaigns";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            dry_run: boolean;
                            external_source: string | null;
                            failed: number;
                            kept_stage: number;
                            mapping: {
                                column: string;
                                field: string | null;
                                note?: string;
                                /** @enum {string} */
                                source: "recognised" | "map" | "property" | "ignored";
                            }[];
                            notes: string[];
                            properties_created: {
                                label: string;
                                name: string;
                                /** @enum {string} */
                                object_type: "contact" | "company" | "deal";
                                options: string[];
                                /** @enum {string} */
                                type: "string" | "number" | "boolean" | "date" | "enum";
                            }[];
                            rows: number;
                            unchanged: number;
                            updated: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import/{object}/fields": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    object: "contacts" | "companies" | "deals" | "activities" | "campaigns";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            can_create_properties: boolean;
                            fields: {
                                field: string;
                                label: string | null;
                                options: {
                                    label: string;
                                    value: string;
                                }[] | null;
                            }[];
                            properties: {
                                field: string;
                                label: string | null;
                                options: {
                                    label: string;
                                    value: string;
                                }[] | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    date_format?: "auto" | "mdy" | "dmy";
                    external_source?: string;
                    map?: string | string[];
                    wait?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicates: number;
                            errors: {
                                column: string;
                                field: string | null;
                                problem: string;
                                row: number | null;
                            }[];
                            failed: number;
                            mapping: {
                                column: string;
                                field: string | null;
                                note?: string;
                                /** @enum {string} */
                                source: "recognised" | "map" | "property" | "ignored";
                            }[];
                            processing: number;
                            rows: number;
                            stored: number;
                            total_errors: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dry_run: boolean;
                            error: {
                                code: string;
                                counts: {
                                    created: number;
                                    failed: number;
                                    kept_stage: number;
                                    rows: number;
                                    unchanged: number;
                                    updated: number;
                                } | null;
                                errors: {
                                    column: string;
                                    field: string | null;
                                    problem: string;
                                    row: number | null;
                                }[];
                                imported_rows: number;
                                mapping: {
                                    column: string;
                                    field: string | null;
                                    note?: string;
                                    /** @enum {string} */
                                    source: "recognised" | "map" | "property" | "ignored";
                                }[];
                                message: string;
                                total_errors: number;
                            } | null;
                            finished_at: string | null;
                            id: string;
                            /** @enum {string} */
                            object: "contacts" | "companies" | "deals" | "activities" | "campaigns";
                            /** @enum {string} */
                            phase: "counting" | "checking" | "importing" | "finished";
                            rows_done: number;
                            rows_total: number | null;
                            /** Format: date-time */
                            started_at: string;
                            /** @enum {string} */
                            status: "running" | "done" | "failed";
                            summary: {
                                created: number;
                                dry_run: boolean;
                                external_source: string | null;
                                failed: number;
                                kept_stage: number;
                                mapping: {
                                    column: string;
                                    field: string | null;
                                    note?: string;
                                    /** @enum {string} */
                                    source: "recognised" | "map" | "property" | "ignored";
                                }[];
                                notes: string[];
                                properties_created: {
                                    label: string;
                                    name: string;
                                    /** @enum {string} */
                                    object_type: "contact" | "company" | "deal";
                                    options: string[];
                                    /** @enum {string} */
                                    type: "string" | "number" | "boolean" | "date" | "enum";
                                }[];
                                rows: number;
                                unchanged: number;
                                updated: number;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/import/jobs/{object}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    consent_again?: "true" | "false";
                    create_properties?: "true" | "false";
                    date_format?: "auto" | "mdy" | "dmy";
                    dry_run?: "true" | "false";
                    external_source?: string;
                    ignore_unknown?: "true" | "false";
                    map?: string | string[];
                    map_values?: string | string[];
                    set?: string | string[];
                    value_map?: string;
                };
                header?: never;
                path: {
                    object: "contacts" | "companies" | "deals" | "activities" | "campaigns";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dry_run: boolean;
                            error: {
                                code: string;
                                counts: {
                                    created: number;
                                    failed: number;
                                    kept_stage: number;
                                    rows: number;
                                    unchanged: number;
                                    updated: number;
                                } | null;
                                errors: {
                                    column: string;
                                    field: string | null;
                                    problem: string;
                                    row: number | null;
                                }[];
                                imported_rows: number;
                                mapping: {
                                    column: string;
                                    field: string | null;
                                    note?: string;
                                    /** @enum {string} */
                                    source: "recognised" | "map" | "property" | "ignored";
                                }[];
                                message: string;
                                total_errors: number;
                            } | null;
                            finished_at: string | null;
                            id: string;
                            /** @enum {string} */
                            object: "contacts" | "companies" | "deals" | "activities" | "campaigns";
                            /** @enum {string} */
                            phase: "counting" | "checking" | "importing" | "finished";
                            rows_done: number;
                            rows_total: number | null;
                            /** Format: date-time */
                            started_at: string;
                            /** @enum {string} */
                            status: "running" | "done" | "failed";
                            summary: {
                                created: number;
                                dry_run: boolean;
                                external_source: string | null;
                                failed: number;
                                kept_stage: number;
                                mapping: {
                                    column: string;
                                    field: string | null;
                                    note?: string;
                                    /** @enum {string} */
                                    source: "recognised" | "map" | "property" | "ignored";
                                }[];
                                notes: string[];
                                properties_created: {
                                    label: string;
                                    name: string;
                                    /** @enum {string} */
                                    object_type: "contact" | "company" | "deal";
                                    options: string[];
                                    /** @enum {string} */
                                    type: "string" | "number" | "boolean" | "date" | "enum";
                                }[];
                                rows: number;
                                unchanged: number;
                                updated: number;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/email-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            daily_dashboard: "marketing" | "sales_manager" | "rep";
                            daily_dashboard_options: ("marketing" | "sales_manager" | "rep")[];
                            daily_email: boolean;
                            daily_every_day: boolean;
                            daily_hour: number;
                            monthly_pack_email: boolean;
                            time_zone: string;
                            weekly_pack_email: boolean;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        daily_dashboard?: ("marketing" | "sales_manager" | "rep") | null;
                        daily_email?: boolean;
                        daily_every_day?: boolean;
                        daily_hour?: number;
                        monthly_pack_email?: boolean;
                        weekly_pack_email?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            daily_dashboard: "marketing" | "sales_manager" | "rep";
                            daily_dashboard_options: ("marketing" | "sales_manager" | "rep")[];
                            daily_email: boolean;
                            daily_every_day: boolean;
                            daily_hour: number;
                            monthly_pack_email: boolean;
                            time_zone: string;
                            weekly_pack_email: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-packs/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live monthly pack reviewing month (YYYY-MM; default: the last closed month) (PackDocument) */
        get: {
            parameters: {
                query?: {
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agenda: {
                                duration_minutes: number;
                                over_by_minutes: number;
                                total_minutes: number;
                            } | null;
                            generated_at: string;
                            /** @enum {string} */
                            kind: "weekly_pack" | "monthly_pack" | "daily_marketing" | "daily_sales_manager" | "daily_rep";
                            period: string;
                            sections: {
                                blocks: ({
                                    items: {
                                        detail?: string;
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                        href?: string;
                                        label: string;
                                        target?: number | null;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                        value: number | null;
                                    }[];
                                    /** @enum {string} */
                                    type: "figures";
                                } | {
                                    columns: {
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes" | "text" | "date";
                                        label: string;
                                    }[];
                                    empty?: string;
                                    rows: {
                                        cells: (string | number | null)[];
                                        href?: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    title?: string;
                                    /** @enum {string} */
                                    type: "table";
                                } | {
                                    categories: string[];
                                    /** @enum {string} */
                                    format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                    href?: string;
                                    /** @enum {string} */
                                    kind: "line" | "bar";
                                    series: {
                                        name: string;
                                        /** @enum {string} */
                                        style?: "line" | "dashed" | "bar";
                                        values: (number | null)[];
                                    }[];
                                    title: string;
                                    /** @enum {string} */
                                    type: "chart";
                                } | {
                                    empty?: string;
                                    items: {
                                        detail?: string;
                                        href?: string;
                                        text: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    /** @enum {string} */
                                    type: "list";
                                } | {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                })[];
                                key: string;
                                minutes: number | null;
                                presenter: string | null;
                                title: string;
                            }[];
                            subtitle: string;
                            time_zone: string;
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-packs/monthly.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live monthly pack reviewing month (YYYY-MM; default: the last closed month), as a printable HTML page */
        get: {
            parameters: {
                query?: {
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-packs/monthly.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live monthly pack reviewing month (YYYY-MM; default: the last closed month), as a PDF file */
        get: {
            parameters: {
                query?: {
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-packs/weekly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live weekly pack of the meeting in the week of date (YYYY-MM-DD; default: the next meeting) (PackDocument) */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agenda: {
                                duration_minutes: number;
                                over_by_minutes: number;
                                total_minutes: number;
                            } | null;
                            generated_at: string;
                            /** @enum {string} */
                            kind: "weekly_pack" | "monthly_pack" | "daily_marketing" | "daily_sales_manager" | "daily_rep";
                            period: string;
                            sections: {
                                blocks: ({
                                    items: {
                                        detail?: string;
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                        href?: string;
                                        label: string;
                                        target?: number | null;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                        value: number | null;
                                    }[];
                                    /** @enum {string} */
                                    type: "figures";
                                } | {
                                    columns: {
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes" | "text" | "date";
                                        label: string;
                                    }[];
                                    empty?: string;
                                    rows: {
                                        cells: (string | number | null)[];
                                        href?: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    title?: string;
                                    /** @enum {string} */
                                    type: "table";
                                } | {
                                    categories: string[];
                                    /** @enum {string} */
                                    format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                    href?: string;
                                    /** @enum {string} */
                                    kind: "line" | "bar";
                                    series: {
                                        name: string;
                                        /** @enum {string} */
                                        style?: "line" | "dashed" | "bar";
                                        values: (number | null)[];
                                    }[];
                                    title: string;
                                    /** @enum {string} */
                                    type: "chart";
                                } | {
                                    empty?: string;
                                    items: {
                                        detail?: string;
                                        href?: string;
                                        text: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    /** @enum {string} */
                                    type: "list";
                                } | {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                })[];
                                key: string;
                                minutes: number | null;
                                presenter: string | null;
                                title: string;
                            }[];
                            subtitle: string;
                            time_zone: string;
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-packs/weekly.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live weekly pack of the meeting in the week of date (YYYY-MM-DD; default: the next meeting), as a printable HTML page */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-packs/weekly.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live weekly pack of the meeting in the week of date (YYYY-MM-DD; default: the next meeting), as a PDF file */
        get: {
            parameters: {
                query?: {
                    date?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every meeting series (a handful: active ones first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            attendees: {
                                active: boolean;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                side: "sales" | "marketing";
                                user_id: number;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            duration_minutes: number;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            local_time: string;
                            name: string;
                            next_occurrence: {
                                /** Format: date-time */
                                at: string;
                                period: string;
                            } | null;
                            pack_hours_before: number;
                            rotate_presenters: boolean;
                            time_zone: string;
                            /** Format: date-time */
                            updated_at: string;
                            week_of_month: number | null;
                            weekday: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        attendees?: {
                            /** @enum {string} */
                            side: "sales" | "marketing";
                            user_id: number;
                        }[];
                        duration_minutes?: number;
                        /** @enum {string} */
                        kind: "weekly" | "monthly";
                        local_time?: string;
                        name?: string;
                        pack_hours_before?: number;
                        rotate_presenters?: boolean;
                        week_of_month?: number | null;
                        weekday?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            attendees: {
                                active: boolean;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                side: "sales" | "marketing";
                                user_id: number;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            duration_minutes: number;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            local_time: string;
                            name: string;
                            next_occurrence: {
                                /** Format: date-time */
                                at: string;
                                period: string;
                            } | null;
                            pack_hours_before: number;
                            rotate_presenters: boolean;
                            time_zone: string;
                            /** Format: date-time */
                            updated_at: string;
                            week_of_month: number | null;
                            weekday: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meeting-series/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            attendees: {
                                active: boolean;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                side: "sales" | "marketing";
                                user_id: number;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            duration_minutes: number;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            local_time: string;
                            name: string;
                            next_occurrence: {
                                /** Format: date-time */
                                at: string;
                                period: string;
                            } | null;
                            pack_hours_before: number;
                            rotate_presenters: boolean;
                            time_zone: string;
                            /** Format: date-time */
                            updated_at: string;
                            week_of_month: number | null;
                            weekday: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        attendees?: {
                            /** @enum {string} */
                            side: "sales" | "marketing";
                            user_id: number;
                        }[];
                        duration_minutes?: number;
                        local_time?: string;
                        name?: string;
                        pack_hours_before?: number;
                        rotate_presenters?: boolean;
                        week_of_month?: number | null;
                        weekday?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            attendees: {
                                active: boolean;
                                email: string;
                                name: string;
                                /** @enum {string} */
                                side: "sales" | "marketing";
                                user_id: number;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            duration_minutes: number;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            local_time: string;
                            name: string;
                            next_occurrence: {
                                /** Format: date-time */
                                at: string;
                                period: string;
                            } | null;
                            pack_hours_before: number;
                            rotate_presenters: boolean;
                            time_zone: string;
                            /** Format: date-time */
                            updated_at: string;
                            week_of_month: number | null;
                            weekday: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/meeting-series/{id}/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The series' meeting of a period (2026-W49, 2026-12), planned now if it is not yet; without period, its next meeting not yet over */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        period?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action_items: {
                                closed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                due_date: string | null;
                                id: number;
                                meeting_id: number;
                                meeting_period: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                series_id: number;
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            decisions: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                id: number;
                                meeting_id: number;
                                text: string;
                            }[];
                            duration_minutes: number;
                            held_at: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            marketing_presenter_id: number | null;
                            marketing_presenter_name: string | null;
                            notes: string;
                            period: string;
                            reviews_month: string | null;
                            sales_presenter_id: number | null;
                            sales_presenter_name: string | null;
                            /** Format: date-time */
                            scheduled_at: string;
                            series_id: number;
                            series_name: string;
                            /** @enum {string} */
                            status: "planned" | "held" | "cancelled";
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Meetings, the latest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    kind?: "weekly" | "monthly";
                    limit?: number;
                    series_id?: number;
                    status?: "planned" | "held" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                created_at: string;
                                duration_minutes: number;
                                held_at: string | null;
                                id: number;
                                /** @enum {string} */
                                kind: "weekly" | "monthly";
                                marketing_presenter_id: number | null;
                                marketing_presenter_name: string | null;
                                notes: string;
                                period: string;
                                reviews_month: string | null;
                                sales_presenter_id: number | null;
                                sales_presenter_name: string | null;
                                /** Format: date-time */
                                scheduled_at: string;
                                series_id: number;
                                series_name: string;
                                /** @enum {string} */
                                status: "planned" | "held" | "cancelled";
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action_items: {
                                closed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                due_date: string | null;
                                id: number;
                                meeting_id: number;
                                meeting_period: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                series_id: number;
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            decisions: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                id: number;
                                meeting_id: number;
                                text: string;
                            }[];
                            duration_minutes: number;
                            held_at: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            marketing_presenter_id: number | null;
                            marketing_presenter_name: string | null;
                            notes: string;
                            period: string;
                            reviews_month: string | null;
                            sales_presenter_id: number | null;
                            sales_presenter_name: string | null;
                            /** Format: date-time */
                            scheduled_at: string;
                            series_id: number;
                            series_name: string;
                            /** @enum {string} */
                            status: "planned" | "held" | "cancelled";
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        marketing_presenter_id?: number | null;
                        notes?: string;
                        sales_presenter_id?: number | null;
                        scheduled_at?: unknown;
                        /** @enum {string} */
                        status?: "planned" | "cancelled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action_items: {
                                closed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                due_date: string | null;
                                id: number;
                                meeting_id: number;
                                meeting_period: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                series_id: number;
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            decisions: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                id: number;
                                meeting_id: number;
                                text: string;
                            }[];
                            duration_minutes: number;
                            held_at: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            marketing_presenter_id: number | null;
                            marketing_presenter_name: string | null;
                            notes: string;
                            period: string;
                            reviews_month: string | null;
                            sales_presenter_id: number | null;
                            sales_presenter_name: string | null;
                            /** Format: date-time */
                            scheduled_at: string;
                            series_id: number;
                            series_name: string;
                            /** @enum {string} */
                            status: "planned" | "held" | "cancelled";
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/meetings/{id}/action-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        due_date?: string | null;
                        owner_id: number;
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closed_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            due_date: string | null;
                            id: number;
                            meeting_id: number;
                            meeting_period: string;
                            owner_id: number | null;
                            owner_name: string | null;
                            series_id: number;
                            /** @enum {string} */
                            status: "open" | "in_progress" | "done" | "cancelled";
                            title: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            id: number;
                            meeting_id: number;
                            text: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}/decisions/{decision_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    decision_id: number;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Holds the meeting and keeps its pack as it is now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action_items: {
                                closed_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                due_date: string | null;
                                id: number;
                                meeting_id: number;
                                meeting_period: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                series_id: number;
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            decisions: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                id: number;
                                meeting_id: number;
                                text: string;
                            }[];
                            duration_minutes: number;
                            held_at: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "weekly" | "monthly";
                            marketing_presenter_id: number | null;
                            marketing_presenter_name: string | null;
                            notes: string;
                            period: string;
                            reviews_month: string | null;
                            sales_presenter_id: number | null;
                            sales_presenter_name: string | null;
                            /** Format: date-time */
                            scheduled_at: string;
                            series_id: number;
                            series_name: string;
                            /** @enum {string} */
                            status: "planned" | "held" | "cancelled";
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}/pack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meeting's pack: as it was when held, else live (PackDocument) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agenda: {
                                duration_minutes: number;
                                over_by_minutes: number;
                                total_minutes: number;
                            } | null;
                            generated_at: string;
                            /** @enum {string} */
                            kind: "weekly_pack" | "monthly_pack" | "daily_marketing" | "daily_sales_manager" | "daily_rep";
                            period: string;
                            sections: {
                                blocks: ({
                                    items: {
                                        detail?: string;
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                        href?: string;
                                        label: string;
                                        target?: number | null;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                        value: number | null;
                                    }[];
                                    /** @enum {string} */
                                    type: "figures";
                                } | {
                                    columns: {
                                        /** @enum {string} */
                                        format: "number" | "money" | "percent" | "hours" | "days" | "minutes" | "text" | "date";
                                        label: string;
                                    }[];
                                    empty?: string;
                                    rows: {
                                        cells: (string | number | null)[];
                                        href?: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    title?: string;
                                    /** @enum {string} */
                                    type: "table";
                                } | {
                                    categories: string[];
                                    /** @enum {string} */
                                    format: "number" | "money" | "percent" | "hours" | "days" | "minutes";
                                    href?: string;
                                    /** @enum {string} */
                                    kind: "line" | "bar";
                                    series: {
                                        name: string;
                                        /** @enum {string} */
                                        style?: "line" | "dashed" | "bar";
                                        values: (number | null)[];
                                    }[];
                                    title: string;
                                    /** @enum {string} */
                                    type: "chart";
                                } | {
                                    empty?: string;
                                    items: {
                                        detail?: string;
                                        href?: string;
                                        text: string;
                                        /** @enum {string} */
                                        tone?: "good" | "warning" | "bad" | "neutral";
                                    }[];
                                    /** @enum {string} */
                                    type: "list";
                                } | {
                                    text: string;
                                    /** @enum {string} */
                                    type: "text";
                                })[];
                                key: string;
                                minutes: number | null;
                                presenter: string | null;
                                title: string;
                            }[];
                            subtitle: string;
                            time_zone: string;
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}/pack.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meeting's pack: as it was when held, else live, as a printable HTML page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}/pack.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A meeting's pack: as it was when held, else live, as a PDF file */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/meetings/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Emails the meeting's pack to each attendee once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            already_sent: number;
                            failed: number;
                            outbox: number;
                            sent: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mql-score-target": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default null */
                            fit: number | null;
                            /** @default null */
                            interest: number | null;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default null */
                        fit?: number | null;
                        /** @default null */
                        interest?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default null */
                            fit: number | null;
                            /** @default null */
                            interest: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/mql-values/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    type: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        value: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            avg_revenue_per_customer?: number | null;
                            close_rate?: number | null;
                            customers?: number;
                            measured: number | null;
                            mql_type: string;
                            mqls?: number;
                            override: number | null;
                            revenue?: number;
                            segment?: string | null;
                            /** @enum {string} */
                            source: "measured" | "override" | "default";
                            value: number;
                        }[];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The first-start checklist: each step done or not, read from the data. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            done: number;
                            steps: {
                                done: boolean;
                                /** @enum {string} */
                                step: "goal" | "users" | "tracker" | "contacts" | "mql_definition";
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                body: string;
                                contact_id: number | null;
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                kind: string;
                                subject: string;
                                to: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/outbox/ritual-emails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "outbox" | "failed" | "sent";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                created_at: string;
                                error: string | null;
                                html: string | null;
                                id: number;
                                kind: string;
                                ref: string;
                                sent_at: string | null;
                                /** @enum {string} */
                                status: "sending" | "outbox" | "failed" | "sent";
                                subject: string;
                                text: string;
                                to: string;
                                user_id: number | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pipelines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: number;
                                is_default: boolean;
                                name: string;
                                stages: {
                                    key: string;
                                    label: string;
                                    /** @enum {string} */
                                    outcome: "open" | "won" | "lost";
                                    position: number;
                                    probability: number;
                                }[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pipelines/{id}/stages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            is_default: boolean;
                            name: string;
                            stages: {
                                key: string;
                                label: string;
                                /** @enum {string} */
                                outcome: "open" | "won" | "lost";
                                position: number;
                                probability: number;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/properties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    object_type?: "contact" | "company" | "deal";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                label: string;
                                name: string;
                                /** @enum {string} */
                                object_type: "contact" | "company" | "deal";
                                options: string[];
                                /** @enum {string} */
                                type: "string" | "number" | "boolean" | "date" | "enum";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                        name: string;
                        /** @enum {string} */
                        object_type: "contact" | "company" | "deal";
                        options?: string[];
                        /** @enum {string} */
                        type: "string" | "number" | "boolean" | "date" | "enum";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            label: string;
                            name: string;
                            /** @enum {string} */
                            object_type: "contact" | "company" | "deal";
                            options: string[];
                            /** @enum {string} */
                            type: "string" | "number" | "boolean" | "date" | "enum";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quotas/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    period: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            team: string | null;
                            user_id: number | null;
                            user_name: string | null;
                        }[];
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    period: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        quotas: {
                            amount: number;
                            team?: string;
                            user_id?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            team: string | null;
                            user_id: number | null;
                            user_name: string | null;
                        }[];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reports, each with its JSON and CSV paths */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reports: {
                                csv: string;
                                json: string;
                                name: string;
                                summary: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Landing pages (views, visitors, conversion), forms, CTAs (click rate), content downloads and webinars. */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description rows per list in one answer (the API pages at 100 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            content: {
                                contacts: number;
                                downloads: number;
                                id: number;
                                key: string;
                                name: string | null;
                            }[];
                            ctas: {
                                click_rate: number | null;
                                clicks: number;
                                id: number;
                                key: string;
                                name: string | null;
                                views: number;
                            }[];
                            forms: {
                                contacts: number;
                                id: number;
                                key: string;
                                name: string | null;
                                submissions: number;
                            }[];
                            from: string;
                            next_cursor: string | null;
                            pages: {
                                conversion_rate: number | null;
                                id: number;
                                name: string | null;
                                path: string;
                                submissions: number;
                                submitters: number;
                                views: number;
                                visitors: number;
                            }[];
                            to: string;
                            webinars: {
                                attendance_rate: number | null;
                                attendances: number;
                                id: number;
                                key: string;
                                name: string | null;
                                registrations: number;
                            }[];
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/assets/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The assets report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description rows per list in one answer (the API pages at 100 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The optimal number of attempts: for leads that became MQLs in the window (default the last ten years) and long enough before as_of, what each further attempt converts, its value against its cost, and the recommended number, overall and by a dimension. */
        get: {
            parameters: {
                query?: {
                    /** @description what is observed ends with this day, YYYY-MM-DD (default now) */
                    as_of?: string;
                    /** @description split by mql_type (default), segment, industry, country, channel, source_detail, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description months a lead must have been an MQL before as_of to count (default 3) */
                    min_months?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applied: string;
                            asOf: string;
                            byGroup: {
                                breakEvenHazard: number | null;
                                byAttemptsMade: {
                                    closeRate: number | null;
                                    closeRateCi: [
                                        number,
                                        number
                                    ] | null;
                                    connected: number;
                                    cost: number;
                                    costPerLead: number | null;
                                    customers: number;
                                    from: number;
                                    label: string;
                                    leads: number;
                                    profitPerLead: number | null;
                                    revenue: number;
                                    revenuePerLead: number | null;
                                    small: boolean;
                                    to: number | null;
                                }[];
                                convertedWithoutAttempt: number;
                                costPerAttempt: number | null;
                                /** @enum {string} */
                                costSource: "measured" | "overall" | "none";
                                customers: number;
                                group: string;
                                label: string;
                                leads: number;
                                recommended: {
                                    /** @enum {string} */
                                    confidence: "high" | "medium" | "low" | "none";
                                    confidenceText: string;
                                    cumulativeShare: number | null;
                                    cumulativeShareCi: [
                                        number,
                                        number
                                    ] | null;
                                    expectedProfit: number | null;
                                    n: number | null;
                                    reason: string;
                                };
                                steps: {
                                    atRisk: number;
                                    attempt: number;
                                    conversions: number;
                                    cost: number;
                                    cumulativeConversions: number;
                                    cumulativeShare: number | null;
                                    cumulativeShareCi: [
                                        number,
                                        number
                                    ] | null;
                                    expectedProfit: number | null;
                                    hazard: number | null;
                                    hazardCi: [
                                        number,
                                        number
                                    ] | null;
                                    pays: boolean | null;
                                    survival: number;
                                    thin: boolean;
                                    value: number | null;
                                    valueCi: [
                                        number,
                                        number
                                    ] | null;
                                }[];
                                valuePerConversion: number | null;
                            }[];
                            costPerAttempt: {
                                attempts: number;
                                attemptsWithoutCost: number;
                                average: number | null;
                                byRep: {
                                    attempts: number;
                                    callsPerHour: number | null;
                                    costPerAttempt: number | null;
                                    hourlyCost: number | null;
                                    missingCost: boolean;
                                    name: string | null;
                                    userId: number | null;
                                }[];
                                totalCost: number;
                            };
                            dimension: {
                                key: string;
                                label: string;
                            };
                            /** @enum {string} */
                            limitedBy: "window" | "maturity";
                            method: string;
                            minMonths: number;
                            mqlFrom: string | null;
                            mqlTo: string;
                            overall: {
                                breakEvenHazard: number | null;
                                byAttemptsMade: {
                                    closeRate: number | null;
                                    closeRateCi: [
                                        number,
                                        number
                                    ] | null;
                                    connected: number;
                                    cost: number;
                                    costPerLead: number | null;
                                    customers: number;
                                    from: number;
                                    label: string;
                                    leads: number;
                                    profitPerLead: number | null;
                                    revenue: number;
                                    revenuePerLead: number | null;
                                    small: boolean;
                                    to: number | null;
                                }[];
                                convertedWithoutAttempt: number;
                                costPerAttempt: number | null;
                                /** @enum {string} */
                                costSource: "measured" | "overall" | "none";
                                customers: number;
                                leads: number;
                                recommended: {
                                    /** @enum {string} */
                                    confidence: "high" | "medium" | "low" | "none";
                                    confidenceText: string;
                                    cumulativeShare: number | null;
                                    cumulativeShareCi: [
                                        number,
                                        number
                                    ] | null;
                                    expectedProfit: number | null;
                                    n: number | null;
                                    reason: string;
                                };
                                steps: {
                                    atRisk: number;
                                    attempt: number;
                                    conversions: number;
                                    cost: number;
                                    cumulativeConversions: number;
                                    cumulativeShare: number | null;
                                    cumulativeShareCi: [
                                        number,
                                        number
                                    ] | null;
                                    expectedProfit: number | null;
                                    hazard: number | null;
                                    hazardCi: [
                                        number,
                                        number
                                    ] | null;
                                    pays: boolean | null;
                                    survival: number;
                                    thin: boolean;
                                    value: number | null;
                                    valueCi: [
                                        number,
                                        number
                                    ] | null;
                                }[];
                                valuePerConversion: number | null;
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                            zone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/attempts/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The attempts report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description what is observed ends with this day, YYYY-MM-DD (default now) */
                    as_of?: string;
                    /** @description split by mql_type (default), segment, industry, country, channel, source_detail, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description months a lead must have been an MQL before as_of to count (default 3) */
                    min_months?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/attribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revenue won in the window credited to the touches before it, under first, last, linear, U-shaped and time-decay models, by channel, source detail, campaign and asset. */
        get: {
            parameters: {
                query?: {
                    /** @description one dimension (default all four): channel, source_detail (each channel split by its source), campaign or asset */
                    dimension?: "channel" | "source_detail" | "campaign" | "asset";
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description time-decay half-life in days (default 7) */
                    half_life_days?: number;
                    /** @description how far before a conversion touches count (default 365) */
                    lookback_days?: number;
                    /** @description one model (default all five) */
                    model?: "first" | "last" | "linear" | "u_shaped" | "time_decay";
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversions: number;
                            conversions_without_touchpoints: number;
                            from: string;
                            half_life_days: number;
                            lookback_days: number;
                            models: {
                                first?: {
                                    asset?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    campaign?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    channel?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    source_detail?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                };
                                last?: {
                                    asset?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    campaign?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    channel?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    source_detail?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                };
                                linear?: {
                                    asset?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    campaign?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    channel?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    source_detail?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                };
                                time_decay?: {
                                    asset?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    campaign?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    channel?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    source_detail?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                };
                                u_shaped?: {
                                    asset?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    campaign?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    channel?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                    source_detail?: {
                                        channel?: string | null;
                                        conversions: number;
                                        key: string | null;
                                        revenue: number;
                                    }[];
                                };
                            };
                            revenue: number;
                            to: string;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/attribution/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The attribution report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description one dimension (default all four): channel, source_detail (each channel split by its source), campaign or asset */
                    dimension?: "channel" | "source_detail" | "campaign" | "asset";
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description time-decay half-life in days (default 7) */
                    half_life_days?: number;
                    /** @description how far before a conversion touches count (default 365) */
                    lookback_days?: number;
                    /** @description one model (default all five) */
                    model?: "first" | "last" | "linear" | "u_shaped" | "time_decay";
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/calibration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Closed-loop calibration of contacts created in the window (default the last 365 days): every action's close rate with its 95 % interval, lift, suggested points and flags, the page-view and download thresholds, and the same for every value (or numeric quintile) of every contact and company property. */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                ci: [
                                    number,
                                    number
                                ] | null;
                                closeRate: number | null;
                                condition?: {
                                    asset?: string;
                                    event: string;
                                    /** @enum {string} */
                                    kind: "behaviour";
                                    minCount?: number;
                                    withinDays?: number;
                                };
                                contacts: number;
                                customers: number;
                                /** @enum {string} */
                                flag: "well_above" | "above" | "average" | "below" | "too_few";
                                key: string;
                                /** @enum {string} */
                                kind: "event" | "asset" | "campaign" | "frequency" | "property";
                                label: string;
                                lift: number | null;
                                shrunkRate: number | null;
                                suggestedPoints: number;
                            }[];
                            baseline: {
                                ci: [
                                    number,
                                    number
                                ] | null;
                                contacts: number;
                                customers: number;
                                rate: number | null;
                            };
                            formula: string;
                            frequency: {
                                downloads: {
                                    candidates: {
                                        below: {
                                            closeRate: number | null;
                                            contacts: number;
                                            customers: number;
                                        };
                                        ci: [
                                            number,
                                            number
                                        ];
                                        closeRate: number;
                                        contacts: number;
                                        customers: number;
                                        customerShare: number;
                                        k: number;
                                        lift: number | null;
                                        otherShare: number;
                                        separation: number;
                                        significant: boolean;
                                    }[];
                                    recommended: number | null;
                                    rule: string;
                                };
                                pages: {
                                    candidates: {
                                        below: {
                                            closeRate: number | null;
                                            contacts: number;
                                            customers: number;
                                        };
                                        ci: [
                                            number,
                                            number
                                        ];
                                        closeRate: number;
                                        contacts: number;
                                        customers: number;
                                        customerShare: number;
                                        k: number;
                                        lift: number | null;
                                        otherShare: number;
                                        separation: number;
                                        significant: boolean;
                                    }[];
                                    recommended: number | null;
                                    rule: string;
                                };
                            };
                            from: string;
                            minSample: number;
                            pointsScale: number;
                            properties: {
                                ci: [
                                    number,
                                    number
                                ] | null;
                                closeRate: number | null;
                                condition?: {
                                    asset?: string;
                                    event: string;
                                    /** @enum {string} */
                                    kind: "behaviour";
                                    minCount?: number;
                                    withinDays?: number;
                                };
                                contacts: number;
                                customers: number;
                                /** @enum {string} */
                                flag: "well_above" | "above" | "average" | "below" | "too_few";
                                key: string;
                                /** @enum {string} */
                                kind: "event" | "asset" | "campaign" | "frequency" | "property";
                                label: string;
                                lift: number | null;
                                property: string;
                                propertyLabel: string;
                                range: [
                                    number,
                                    number
                                ] | null;
                                shrunkRate: number | null;
                                suggestedPoints: number;
                                value: string | null;
                            }[];
                            proposals: {
                                condition: {
                                    asset?: string;
                                    event: string;
                                    /** @enum {string} */
                                    kind: "behaviour";
                                    minCount?: number;
                                    withinDays?: number;
                                };
                                evidence: string;
                                label: string;
                                lift: number;
                                suggestedPoints: number;
                            }[];
                            to: string;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/calibration/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calibration report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Campaigns in any window (a month, the last 30 days by default, or the days a weekly meeting pack reviewed): visits, new leads, MQLs, customers and revenue, the window's spend, cost per lead and customer, ROI, ranked as in the marketing report. */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaigns: {
                                campaign: string;
                                cost_per_customer: number | null;
                                cost_per_lead: number | null;
                                currency: string;
                                customers: number;
                                id: number;
                                leads: number;
                                mqls: number;
                                rank: number;
                                revenue: number;
                                roi: number | null;
                                spend: number;
                                /** @enum {string} */
                                type: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "paid_ads" | "event" | "content" | "other";
                                visits: number;
                            }[];
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/campaigns/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The campaigns report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/dimensions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What reports can be split by (the dimension parameter), each with its label */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                builtin: boolean;
                                key: string;
                                label: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contacts created in the window: how many reached each stage, conversion between stages, median days between them, and a cohort table by creation month. */
        get: {
            parameters: {
                query?: {
                    /** @description only contacts of this original source (e.g. 'Paid Search') */
                    channel?: string;
                    /** @description first day YYYY-MM-DD, or first month YYYY-MM */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description only contacts of companies in this segment */
                    segment?: string;
                    /** @description last day YYYY-MM-DD, or last month YYYY-MM (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cohorts: {
                                created: number;
                                month: string;
                                reached: {
                                    customer: number;
                                    evangelist: number;
                                    lead: number;
                                    mql: number;
                                    opportunity: number;
                                    sql: number;
                                    subscriber: number;
                                };
                            }[];
                            conversions: {
                                /** @enum {string} */
                                from: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                                median_days: number | null;
                                rate: number | null;
                                sample: number;
                                /** @enum {string} */
                                to: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                            }[];
                            from: string;
                            stages: {
                                count: number;
                                /** @enum {string} */
                                key: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                                label: string;
                                mean_days_in_stage: number | null;
                                median_days_in_stage: number | null;
                                moved: number;
                                reached: number;
                                stays: number;
                            }[];
                            to: string;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/funnel-breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stage conversion and median days between stages for contacts created in the window, split by cohort month, channel, source detail, segment, industry, country, MQL type or an enum property. */
        get: {
            parameters: {
                query?: {
                    /** @description what to split by (default month): month, channel, source_detail, segment, industry, country, mql_type, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            by: string;
                            by_label: string;
                            from: string;
                            groups: {
                                contacts: number;
                                conversions: {
                                    /** @enum {string} */
                                    from: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                                    median_days: number | null;
                                    rate: number | null;
                                    sample: number;
                                    /** @enum {string} */
                                    to: "subscriber" | "lead" | "mql" | "sql" | "opportunity" | "customer" | "evangelist";
                                }[];
                                group: string;
                                label: string;
                                reached: {
                                    customer: number;
                                    evangelist: number;
                                    lead: number;
                                    mql: number;
                                    opportunity: number;
                                    sql: number;
                                    subscriber: number;
                                };
                            }[];
                            to: string;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/funnel-breakdown/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The funnel-breakdown report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description what to split by (default month): month, channel, source_detail, segment, industry, country, mql_type, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/funnel/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The funnel report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description only contacts of this original source (e.g. 'Paid Search') */
                    channel?: string;
                    /** @description first day YYYY-MM-DD, or first month YYYY-MM */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description only contacts of companies in this segment */
                    segment?: string;
                    /** @description last day YYYY-MM-DD, or last month YYYY-MM (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/handoffs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The SDR → account executive handoff over the window, judged now: time to accept (SDR assigned → accepted, per SDR and team) and time to the AE's first meeting (handed → first meeting held, per AE and team): leads, done, median and mean hours, share within the SLA. */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accept: {
                                people: {
                                    decided: number;
                                    done: number;
                                    leads: number;
                                    mean_hours: number | null;
                                    median_hours: number | null;
                                    name: string | null;
                                    team: string;
                                    user_id: number | null;
                                    within_sla: number;
                                    within_sla_share: number | null;
                                }[];
                                teams: {
                                    decided: number;
                                    done: number;
                                    leads: number;
                                    mean_hours: number | null;
                                    median_hours: number | null;
                                    team: string;
                                    within_sla: number;
                                    within_sla_share: number | null;
                                }[];
                                total: {
                                    decided: number;
                                    done: number;
                                    leads: number;
                                    mean_hours: number | null;
                                    median_hours: number | null;
                                    within_sla: number;
                                    within_sla_share: number | null;
                                };
                            };
                            first_meeting: {
                                people: {
                                    decided: number;
                                    done: number;
                                    leads: number;
                                    mean_hours: number | null;
                                    median_hours: number | null;
                                    name: string | null;
                                    team: string;
                                    user_id: number | null;
                                    within_sla: number;
                                    within_sla_share: number | null;
                                }[];
                                teams: {
                                    decided: number;
                                    done: number;
                                    leads: number;
                                    mean_hours: number | null;
                                    median_hours: number | null;
                                    team: string;
                                    within_sla: number;
                                    within_sla_share: number | null;
                                }[];
                                total: {
                                    decided: number;
                                    done: number;
                                    leads: number;
                                    mean_hours: number | null;
                                    median_hours: number | null;
                                    within_sla: number;
                                    within_sla_share: number | null;
                                };
                            };
                            from: string;
                            to: string;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/handoffs/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The handoffs report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/lead-quality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rejected and recycled MQLs of the MQLs that qualified in the window (default the 6 months before the running one): rates by MQL type, source channel and detail, campaign, MQL-definition clause and version, and rep, with 95 % intervals; groups far above the average flagged; rejection reasons; the trend by month. */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description flag a group only from this many MQLs (default 10) */
                    min_sample?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            as_of: string;
                            dimensions: {
                                /** @enum {string} */
                                dimension: "mql_type" | "channel" | "source_detail" | "campaign" | "clause" | "version" | "rep";
                                groups: {
                                    flagged: boolean;
                                    interval: [
                                        number,
                                        number
                                    ] | null;
                                    key: string;
                                    label: string;
                                    mqls: number;
                                    recycle_rate: number | null;
                                    recycled: number;
                                    rejected: number;
                                    rejection_rate: number | null;
                                    top_reason: string | null;
                                    top_reason_count: number;
                                }[];
                                label: string;
                            }[];
                            flagged: {
                                /** @enum {string} */
                                dimension: "mql_type" | "channel" | "source_detail" | "campaign" | "clause" | "version" | "rep";
                                dimension_label: string;
                                flagged: boolean;
                                interval: [
                                    number,
                                    number
                                ] | null;
                                key: string;
                                label: string;
                                mqls: number;
                                recycle_rate: number | null;
                                recycled: number;
                                rejected: number;
                                rejection_rate: number | null;
                                top_reason: string | null;
                                top_reason_count: number;
                            }[];
                            from: string;
                            min_sample: number;
                            reasons: {
                                reason: string;
                                rejected: number;
                                share: number | null;
                            }[];
                            to: string;
                            total: {
                                mqls: number;
                                recycle_rate: number | null;
                                recycled: number;
                                rejected: number;
                                rejection_rate: number | null;
                            };
                            trend: {
                                month: string;
                                mqls: number;
                                recycle_rate: number | null;
                                recycled: number;
                                rejected: number;
                                rejection_rate: number | null;
                            }[];
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/lead-quality/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The lead-quality report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description flag a group only from this many MQLs (default 10) */
                    min_sample?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/lead-waterfall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The month's daily lead waterfall: MQLs and their value day by day, cumulative, against the pace to marketing's target. */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description the pace line: linear (default) or working_days */
                    pace?: "linear" | "working_days";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            by_type: {
                                mql_type: string;
                                mqls: number;
                                value: number;
                                value_per_mql: number;
                                /** @enum {string} */
                                value_source: "measured" | "override" | "default";
                            }[];
                            days: {
                                cumulative_mqls: number | null;
                                cumulative_value: number | null;
                                day: string;
                                mqls: number | null;
                                pace_fraction: number;
                                pace_value: number;
                                value: number | null;
                            }[];
                            delivered: {
                                mqls: number;
                                share_of_target: number | null;
                                value: number;
                            };
                            goal: {
                                /** @enum {string} */
                                from: "month" | "quarter";
                                marketing_influenced_share: number | null;
                                marketing_sourced_share: number;
                                month: string;
                                revenue_goal: number;
                            };
                            influenced: {
                                customers: number;
                                influenced_customers: number;
                                influenced_revenue: number;
                                influenced_share: number | null;
                                lookback_days: number;
                                revenue: number;
                                share_of_revenue: number | null;
                                share_of_target: number | null;
                                target: number | null;
                            };
                            month: string;
                            /** @enum {string} */
                            pace: "linear" | "working_days";
                            projection: {
                                share_of_target: number | null;
                                value: number | null;
                            };
                            target: {
                                average_value_per_mql: number | null;
                                mix: {
                                    mql_type: string;
                                    mqls: number;
                                    value: number;
                                }[];
                                mqls: number | null;
                                value: number;
                            };
                            today: {
                                pace_value: number;
                                ratio: number | null;
                                /** @enum {string} */
                                status: "behind" | "on_track" | "ahead" | "not_started";
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open leads now, most urgent first, with their first-touch and attempts clocks (a sales rep sees their own). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            assigned_at: string;
                            assigned_by: string;
                            assignment_id: number;
                            attempts: number;
                            /** Format: date-time */
                            attempts_due: string;
                            attempts_required: number;
                            /** @enum {string} */
                            attempts_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                            company_name: string | null;
                            connected_at: string | null;
                            contact_id: number;
                            email: string | null;
                            first_touch_at: string | null;
                            /** Format: date-time */
                            first_touch_due: string;
                            /** @enum {string} */
                            first_touch_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                            last_attempt_at: string | null;
                            lead_status: string | null;
                            mql_type: string | null;
                            name: string | null;
                            /** Format: date-time */
                            next_due: string;
                            owner_id: number | null;
                            owner_name: string | null;
                            policy_id: string;
                            segment: string | null;
                            /** @enum {string} */
                            status: "on_time" | "at_risk" | "breached";
                            team: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/leads/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The leads report's table as CSV (every row) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/marketing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The monthly marketing report: channels with MQLs, campaigns with spend, cost per lead and customer and ROI, landing pages and CTAs, content influence, speed of follow-up. */
        get: {
            parameters: {
                query?: {
                    /** @description the channels section by channel (default), or source_detail: each channel split by its source */
                    dimension?: "channel" | "source_detail";
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaigns: {
                                campaign: string;
                                cost_per_customer: number | null;
                                cost_per_lead: number | null;
                                currency: string;
                                customers: number;
                                id: number;
                                leads: number;
                                mqls: number;
                                rank: number;
                                revenue: number;
                                roi: number | null;
                                spend: number;
                                /** @enum {string} */
                                type: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "paid_ads" | "event" | "content" | "other";
                                visits: number;
                            }[];
                            channels: {
                                channel: string;
                                contact_to_customer: number | null;
                                contacts: number;
                                customers: number;
                                detail?: string;
                                mqls: number;
                                visit_to_contact: number | null;
                                visitors: number;
                                visits: number;
                            }[];
                            content_influence: {
                                asset: string;
                                customers: number;
                                customers_touched: number;
                                id: number;
                                /** @enum {string} */
                                kind: "page" | "form" | "cta" | "content" | "webinar";
                                lift: number | null;
                                non_customers: number;
                                non_customers_touched: number;
                                share_of_customers: number | null;
                                share_of_non_customers: number | null;
                            }[];
                            ctas: {
                                click_rate: number | null;
                                clicks: number;
                                id: number;
                                key: string;
                                name: string | null;
                                views: number;
                            }[];
                            /** @enum {string} */
                            dimension: "channel" | "source_detail";
                            follow_up: {
                                assignments: number;
                                buckets: {
                                    /** @enum {string} */
                                    bucket: "≤5 min" | "5–30 min" | "30–60 min" | "1–4 h" | "4–24 h" | ">24 h" | "not yet";
                                    count: number;
                                    customer_rate: number | null;
                                    customers: number;
                                    share: number | null;
                                    sql_rate: number | null;
                                    sqls: number;
                                }[];
                                customer_rate: number | null;
                                customers: number;
                                median_minutes: number | null;
                                share_within_4h: number | null;
                                share_within_5m: number | null;
                                sql_rate: number | null;
                                sqls: number;
                                within_4h: number;
                                within_5m: number;
                            };
                            from: string;
                            influence_window: {
                                from: string;
                                to: string;
                            };
                            influenced: {
                                customers: number;
                                influenced_customers: number;
                                influenced_revenue: number;
                                influenced_share: number | null;
                                lookback_days: number;
                                revenue: number;
                                share_of_revenue: number | null;
                                share_of_target: number | null;
                                target: number | null;
                            };
                            landing_pages: {
                                conversion_rate: number | null;
                                id: number;
                                name: string | null;
                                path: string;
                                submissions: number;
                                submitters: number;
                                views: number;
                                visitors: number;
                            }[];
                            lead_quality: {
                                as_of: string;
                                dimensions: {
                                    /** @enum {string} */
                                    dimension: "mql_type" | "channel" | "source_detail" | "campaign" | "clause" | "version" | "rep";
                                    groups: {
                                        flagged: boolean;
                                        interval: [
                                            number,
                                            number
                                        ] | null;
                                        key: string;
                                        label: string;
                                        mqls: number;
                                        recycle_rate: number | null;
                                        recycled: number;
                                        rejected: number;
                                        rejection_rate: number | null;
                                        top_reason: string | null;
                                        top_reason_count: number;
                                    }[];
                                    label: string;
                                }[];
                                flagged: {
                                    /** @enum {string} */
                                    dimension: "mql_type" | "channel" | "source_detail" | "campaign" | "clause" | "version" | "rep";
                                    dimension_label: string;
                                    flagged: boolean;
                                    interval: [
                                        number,
                                        number
                                    ] | null;
                                    key: string;
                                    label: string;
                                    mqls: number;
                                    recycle_rate: number | null;
                                    recycled: number;
                                    rejected: number;
                                    rejection_rate: number | null;
                                    top_reason: string | null;
                                    top_reason_count: number;
                                }[];
                                from: string;
                                min_sample: number;
                                reasons: {
                                    reason: string;
                                    rejected: number;
                                    share: number | null;
                                }[];
                                to: string;
                                total: {
                                    mqls: number;
                                    recycle_rate: number | null;
                                    recycled: number;
                                    rejected: number;
                                    rejection_rate: number | null;
                                };
                                trend: {
                                    month: string;
                                    mqls: number;
                                    recycle_rate: number | null;
                                    recycled: number;
                                    rejected: number;
                                    rejection_rate: number | null;
                                }[];
                            };
                            month: string;
                            mql_definitions: {
                                all: {
                                    accepted: number;
                                    close_rate: number | null;
                                    customers: number;
                                    key: string;
                                    label: string;
                                    median_days_to_customer: number | null;
                                    mqls: number;
                                    rejected: number;
                                    revenue: number;
                                    value_per_mql: number | null;
                                    version: number | null;
                                };
                                as_of: string;
                                clauses: {
                                    accepted: number;
                                    close_rate: number | null;
                                    customers: number;
                                    key: string;
                                    label: string;
                                    median_days_to_customer: number | null;
                                    mqls: number;
                                    rejected: number;
                                    revenue: number;
                                    value_per_mql: number | null;
                                    version: number | null;
                                }[];
                                from: string;
                                to: string;
                                versions: {
                                    accepted: number;
                                    close_rate: number | null;
                                    customers: number;
                                    key: string;
                                    label: string;
                                    median_days_to_customer: number | null;
                                    mqls: number;
                                    rejected: number;
                                    revenue: number;
                                    since: string | null;
                                    value_per_mql: number | null;
                                    version: number | null;
                                }[];
                            };
                            to: string;
                            total: {
                                contact_to_customer: number | null;
                                contacts: number;
                                customers: number;
                                mqls: number;
                                visit_to_contact: number | null;
                                visitors: number;
                                visits: number;
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/marketing-sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Marketing's commitment for a month: target in money and MQLs, delivered so far, pace and status today, month-end projection, by MQL type. */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description the pace line: linear (default) or working_days */
                    pace?: "linear" | "working_days";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            by_type: {
                                mql_type: string;
                                mqls: number;
                                value: number;
                                value_per_mql: number;
                                /** @enum {string} */
                                value_source: "measured" | "override" | "default";
                            }[];
                            delivered: {
                                mqls: number;
                                share_of_target: number | null;
                                value: number;
                            };
                            goal: {
                                /** @enum {string} */
                                from: "month" | "quarter";
                                marketing_influenced_share: number | null;
                                marketing_sourced_share: number;
                                month: string;
                                revenue_goal: number;
                            };
                            influenced: {
                                customers: number;
                                influenced_customers: number;
                                influenced_revenue: number;
                                influenced_share: number | null;
                                lookback_days: number;
                                revenue: number;
                                share_of_revenue: number | null;
                                share_of_target: number | null;
                                target: number | null;
                            };
                            month: string;
                            /** @enum {string} */
                            pace: "linear" | "working_days";
                            projection: {
                                share_of_target: number | null;
                                value: number | null;
                            };
                            target: {
                                average_value_per_mql: number | null;
                                mix: {
                                    mql_type: string;
                                    mqls: number;
                                    value: number;
                                }[];
                                mqls: number | null;
                                value: number;
                            };
                            today: {
                                pace_value: number;
                                ratio: number | null;
                                /** @enum {string} */
                                status: "behind" | "on_track" | "ahead" | "not_started";
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/marketing-sla/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The marketing-sla report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description the pace line: linear (default) or working_days */
                    pace?: "linear" | "working_days";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/marketing/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The marketing report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description the channels section by channel (default), or source_detail: each channel split by its source */
                    dimension?: "channel" | "source_detail";
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest predictive model: held-out AUC, Brier score, calibration table and the features left out as leakage. The CLI trains a new one first with --train, on contacts created in the window (default the last 730 days). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            evaluation: {
                                auc: number;
                                brier: number;
                                calibration: {
                                    bucket: string;
                                    n: number;
                                    observed_rate: number | null;
                                    predicted_mean: number | null;
                                }[];
                                features?: number;
                                leakage?: {
                                    auc: number | null;
                                    feature: string;
                                    /** @enum {string} */
                                    kind: "one_class" | "separates";
                                    label: string;
                                    reason: string;
                                }[];
                                moment?: string;
                                n_test: number;
                                n_train: number;
                                positives_test: number;
                                positives_train: number;
                                set_aside?: {
                                    contacts: number;
                                    feature: string;
                                    label: string;
                                }[];
                                warnings?: string[];
                                window?: {
                                    from: string;
                                    to: string;
                                };
                            };
                            /** Format: date-time */
                            trained_at: string;
                            version: number;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/model/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The model report's table as CSV (every row) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/mql-definition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** MQL-definition performance per clause and per version, over the MQLs that qualified in the window (default the 12 months before the running one): MQLs, accepted, rejected, customers, close rate, value per MQL, median days to customer. */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            all: {
                                accepted: number;
                                close_rate: number | null;
                                customers: number;
                                key: string;
                                label: string;
                                median_days_to_customer: number | null;
                                mqls: number;
                                rejected: number;
                                revenue: number;
                                value_per_mql: number | null;
                                version: number | null;
                            };
                            as_of: string;
                            clauses: {
                                accepted: number;
                                close_rate: number | null;
                                customers: number;
                                key: string;
                                label: string;
                                median_days_to_customer: number | null;
                                mqls: number;
                                rejected: number;
                                revenue: number;
                                value_per_mql: number | null;
                                version: number | null;
                            }[];
                            from: string;
                            to: string;
                            versions: {
                                accepted: number;
                                close_rate: number | null;
                                customers: number;
                                key: string;
                                label: string;
                                median_days_to_customer: number | null;
                                mqls: number;
                                rejected: number;
                                revenue: number;
                                since: string | null;
                                value_per_mql: number | null;
                                version: number | null;
                            }[];
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/mql-definition/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The mql-definition report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/mql-scores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The average fit and interest score of the MQLs delivered (scores at the MQL moment), per month for the 6 months up to the month asked and per MQL type, against marketing's target, with a warning when the month falls below it. */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            month: string;
                            months: {
                                at_current: number;
                                avg_fit: number | null;
                                avg_interest: number | null;
                                below_target: {
                                    fit: boolean;
                                    interest: boolean;
                                };
                                by_type: {
                                    at_current: number;
                                    avg_fit: number | null;
                                    avg_interest: number | null;
                                    mql_type: string;
                                    mqls: number;
                                    scored: number;
                                }[];
                                month: string;
                                mqls: number;
                                scored: number;
                            }[];
                            target: {
                                fit: number | null;
                                interest: number | null;
                            };
                            warnings: string[];
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/mql-scores/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The mql-scores report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/mql-value": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Value per MQL by type: average revenue per customer × MQL → customer close rate, measured over MQLs of the window (default the 12 months before the running one), with hand-set values that win. */
        get: {
            parameters: {
                query?: {
                    /** @description segment: also by company segment */
                    by?: "type" | "segment";
                    /** @description also by this dimension: segment, industry, country, channel, source_detail, mql_type, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            by_dimension?: {
                                dimension: {
                                    key: string;
                                    label: string;
                                };
                                groups: {
                                    avg_revenue_per_customer: number | null;
                                    close_rate: number | null;
                                    customers: number;
                                    group: string;
                                    label: string;
                                    mqls: number;
                                    revenue: number;
                                    types: {
                                        avg_revenue_per_customer: number | null;
                                        close_rate: number | null;
                                        customers: number;
                                        mql_type: string;
                                        mqls: number;
                                        revenue: number;
                                        value: number | null;
                                    }[];
                                    value: number | null;
                                }[];
                            };
                            by_segment?: {
                                avg_revenue_per_customer: number | null;
                                close_rate: number | null;
                                customers: number;
                                mql_type: string;
                                mqls: number;
                                revenue: number;
                                segment: string | null;
                                value: number | null;
                            }[];
                            formula: string;
                            from: string;
                            to: string;
                            types: {
                                avg_revenue_per_customer?: number | null;
                                close_rate?: number | null;
                                customers?: number;
                                measured: number | null;
                                mql_type: string;
                                mqls?: number;
                                override: number | null;
                                revenue?: number;
                                segment?: string | null;
                                /** @enum {string} */
                                source: "measured" | "override" | "default";
                                value: number;
                            }[];
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/mql-value/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The mql-value report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description segment: also by company segment */
                    by?: "type" | "segment";
                    /** @description also by this dimension: segment, industry, country, channel, source_detail, mql_type, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/nurture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The nurture list: contacts with a good fit and too little interest (the nurture quadrant), not suppressed, with the interest each still needs to reach the hot threshold; closest to hot first. */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description rows in one answer (the API pages at 50 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description search by name or email */
                    q?: string;
                    /** @description interest_needed (default), interest, fit, name or scored_at; prefix - for descending */
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                company_name: string | null;
                                email: string | null;
                                fit: number;
                                id: number;
                                interest: number;
                                /** @description Interest the contact still needs to reach the hot threshold (threshold − interest). */
                                interest_needed: number;
                                job_title: string | null;
                                lifecycle_stage: string;
                                name: string;
                                owner_name: string | null;
                                /** Format: date-time */
                                scored_at: string;
                            }[];
                            interest_threshold: number;
                            next_cursor: string | null;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/nurture/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The nurture report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description rows in one answer (the API pages at 50 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description search by name or email */
                    q?: string;
                    /** @description interest_needed (default), interest, fit, name or scored_at; prefix - for descending */
                    sort?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/planner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reverse funnel: from a revenue goal, the customers, SQLs, MQLs, leads and visits needed per month, from rates measured over the window (default the last 365 days) or entered ones, which win. */
        get: {
            parameters: {
                query: {
                    /** @description entered average contract size (wins over the measured one) */
                    averageContractSize?: number;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description the revenue goal for the period, e.g. 200000 */
                    goal: number;
                    /** @description entered lead → MQL rate, a share such as 0.02 (wins over the measured one) */
                    leadToMql?: number;
                    /** @description leave out contacts younger than this many days when measuring rates */
                    maturityDays?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description months the goal covers (default 1) */
                    months?: number;
                    /** @description entered MQL → SQL rate, a share such as 0.02 (wins over the measured one) */
                    mqlToSql?: number;
                    /** @description entered SQL → customer rate, a share such as 0.02 (wins over the measured one) */
                    sqlToCustomer?: number;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                    /** @description entered visit → lead rate, a share such as 0.02 (wins over the measured one) */
                    visitToLead?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            measured: {
                                averageContractSize: {
                                    currencies: string[];
                                    deals: number;
                                    dealsWithoutAmount: number;
                                    dealsWithoutContact: number;
                                    denominator: number;
                                    numerator: number;
                                    of: string;
                                    value: number | null;
                                };
                                cohort: {
                                    from: string;
                                    maturityDays: number;
                                    to: string;
                                };
                                counts: {
                                    contacts: number;
                                    customers: number;
                                    leads: number;
                                    mqls: number;
                                    opportunities: number;
                                    sqls: number;
                                    subscribers: number;
                                    visits: number;
                                };
                                notes: string[];
                                rates: {
                                    leadToCustomer: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    leadToMql: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    mqlToSql: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    opportunityToCustomer: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    sqlToCustomer: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    sqlToOpportunity: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    visitToLead: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                };
                                window: {
                                    from: string;
                                    to: string;
                                };
                            };
                            plan: {
                                averageContractSize: number;
                                months: number;
                                perMonth: {
                                    customers: {
                                        exact: number;
                                        needed: number;
                                    };
                                    leads: {
                                        exact: number;
                                        needed: number;
                                    };
                                    mqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    sqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    visits: {
                                        exact: number;
                                        needed: number;
                                    };
                                };
                                rates: {
                                    leadToCustomer: number;
                                    leadToMql: number;
                                    mqlToSql: number;
                                    sqlToCustomer: number;
                                    visitToLead: number;
                                };
                                revenueGoal: number;
                                revenuePerMonth: number;
                                sources: {
                                    averageContractSize: {
                                        measured: {
                                            currencies: string[];
                                            deals: number;
                                            dealsWithoutAmount: number;
                                            dealsWithoutContact: number;
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    leadToMql: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    mqlToSql: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    sqlToCustomer: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    visitToLead: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                };
                                total: {
                                    customers: {
                                        exact: number;
                                        needed: number;
                                    };
                                    leads: {
                                        exact: number;
                                        needed: number;
                                    };
                                    mqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    sqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    visits: {
                                        exact: number;
                                        needed: number;
                                    };
                                };
                                warnings: string[];
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** The reverse funnel: from a revenue goal, the customers, SQLs, MQLs, leads and visits needed per month, from rates measured over the window (default the last 365 days) or entered ones, which win. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description entered average contract size (wins over the measured one) */
                        averageContractSize?: number;
                        /** @description first day, YYYY-MM-DD */
                        from?: string;
                        /** @description the revenue goal for the period, e.g. 200000 */
                        goal: number;
                        /** @description entered lead → MQL rate, a share such as 0.02 (wins over the measured one) */
                        leadToMql?: number;
                        /** @description leave out contacts younger than this many days when measuring rates */
                        maturityDays?: number;
                        /** @description a calendar month, YYYY-MM */
                        month?: string;
                        /** @description months the goal covers (default 1) */
                        months?: number;
                        /** @description entered MQL → SQL rate, a share such as 0.02 (wins over the measured one) */
                        mqlToSql?: number;
                        /** @description entered SQL → customer rate, a share such as 0.02 (wins over the measured one) */
                        sqlToCustomer?: number;
                        /** @description last day, YYYY-MM-DD (included) */
                        to?: string;
                        /** @description entered visit → lead rate, a share such as 0.02 (wins over the measured one) */
                        visitToLead?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            measured: {
                                averageContractSize: {
                                    currencies: string[];
                                    deals: number;
                                    dealsWithoutAmount: number;
                                    dealsWithoutContact: number;
                                    denominator: number;
                                    numerator: number;
                                    of: string;
                                    value: number | null;
                                };
                                cohort: {
                                    from: string;
                                    maturityDays: number;
                                    to: string;
                                };
                                counts: {
                                    contacts: number;
                                    customers: number;
                                    leads: number;
                                    mqls: number;
                                    opportunities: number;
                                    sqls: number;
                                    subscribers: number;
                                    visits: number;
                                };
                                notes: string[];
                                rates: {
                                    leadToCustomer: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    leadToMql: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    mqlToSql: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    opportunityToCustomer: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    sqlToCustomer: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    sqlToOpportunity: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                    visitToLead: {
                                        denominator: number;
                                        numerator: number;
                                        of: string;
                                        value: number | null;
                                    };
                                };
                                window: {
                                    from: string;
                                    to: string;
                                };
                            };
                            plan: {
                                averageContractSize: number;
                                months: number;
                                perMonth: {
                                    customers: {
                                        exact: number;
                                        needed: number;
                                    };
                                    leads: {
                                        exact: number;
                                        needed: number;
                                    };
                                    mqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    sqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    visits: {
                                        exact: number;
                                        needed: number;
                                    };
                                };
                                rates: {
                                    leadToCustomer: number;
                                    leadToMql: number;
                                    mqlToSql: number;
                                    sqlToCustomer: number;
                                    visitToLead: number;
                                };
                                revenueGoal: number;
                                revenuePerMonth: number;
                                sources: {
                                    averageContractSize: {
                                        measured: {
                                            currencies: string[];
                                            deals: number;
                                            dealsWithoutAmount: number;
                                            dealsWithoutContact: number;
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    leadToMql: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    mqlToSql: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    sqlToCustomer: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                    visitToLead: {
                                        measured: {
                                            denominator: number;
                                            numerator: number;
                                            of: string;
                                            value: number | null;
                                        } | null;
                                        /** @enum {string} */
                                        source: "entered" | "measured" | "missing";
                                        value: number | null;
                                    };
                                };
                                total: {
                                    customers: {
                                        exact: number;
                                        needed: number;
                                    };
                                    leads: {
                                        exact: number;
                                        needed: number;
                                    };
                                    mqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    sqls: {
                                        exact: number;
                                        needed: number;
                                    };
                                    visits: {
                                        exact: number;
                                        needed: number;
                                    };
                                };
                                warnings: string[];
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/planner/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The planner report's table as CSV (every row) */
        get: {
            parameters: {
                query: {
                    /** @description entered average contract size (wins over the measured one) */
                    averageContractSize?: number;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description the revenue goal for the period, e.g. 200000 */
                    goal: number;
                    /** @description entered lead → MQL rate, a share such as 0.02 (wins over the measured one) */
                    leadToMql?: number;
                    /** @description leave out contacts younger than this many days when measuring rates */
                    maturityDays?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description months the goal covers (default 1) */
                    months?: number;
                    /** @description entered MQL → SQL rate, a share such as 0.02 (wins over the measured one) */
                    mqlToSql?: number;
                    /** @description entered SQL → customer rate, a share such as 0.02 (wins over the measured one) */
                    sqlToCustomer?: number;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                    /** @description entered visit → lead rate, a share such as 0.02 (wins over the measured one) */
                    visitToLead?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/quadrants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Now: contacts by quadrant of fit × interest (hot, nurture, fan, suppress) and the thresholds that place them. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                fan: number;
                                hot: number;
                                nurture: number;
                                suppress: number;
                            };
                            scored: number;
                            thresholds: {
                                fit: number;
                                interest: number;
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/quadrants/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The quadrants report's table as CSV (every row) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revenue won day by day against the quota, % reached, gap and projection; sales cycle lead → customer and MQL → customer (median and mean, by segment, source and any dimension); win/loss by reason and by dimension; results per rep. A month, or any from/to window. */
        get: {
            parameters: {
                query?: {
                    /** @description split the cycle and win/loss by (default segment): channel, source_detail, segment, industry, country, mql_type, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cycle: {
                                lead_to_customer: {
                                    by_dimension: {
                                        deals: number;
                                        label: string;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        value: string;
                                        vs_average: number | null;
                                    }[];
                                    by_segment: {
                                        deals: number;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        segment: string;
                                        vs_average: number | null;
                                    }[];
                                    by_source: {
                                        deals: number;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        source: string;
                                        vs_average: number | null;
                                    }[];
                                    overall: {
                                        deals: number;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        unmeasured: number;
                                    };
                                };
                                mql_to_customer: {
                                    by_dimension: {
                                        deals: number;
                                        label: string;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        value: string;
                                        vs_average: number | null;
                                    }[];
                                    by_segment: {
                                        deals: number;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        segment: string;
                                        vs_average: number | null;
                                    }[];
                                    by_source: {
                                        deals: number;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        source: string;
                                        vs_average: number | null;
                                    }[];
                                    overall: {
                                        deals: number;
                                        mean_days: number | null;
                                        median_days: number | null;
                                        unmeasured: number;
                                    };
                                };
                            };
                            dimension: {
                                key: string;
                                label: string;
                            };
                            from: string;
                            month: string | null;
                            quota: {
                                months: {
                                    month: string;
                                    share: number;
                                    source: ("month" | "quarter") | null;
                                    total: number | null;
                                }[];
                                source: ("month" | "quarter" | "mixed") | null;
                                total: number | null;
                            };
                            reps: {
                                avg_deal: number | null;
                                lost_deals: number;
                                median_cycle_days: number | null;
                                name: string | null;
                                owner_id: number | null;
                                quota: number | null;
                                reached: number | null;
                                revenue: number;
                                team: string | null;
                                win_rate: number | null;
                                won_deals: number;
                            }[];
                            to: string;
                            waterfall: {
                                closed: number;
                                days: {
                                    cumulative_revenue: number | null;
                                    day: string;
                                    pace: number | null;
                                    revenue: number | null;
                                    won_deals: number | null;
                                }[];
                                gap: number | null;
                                projection: {
                                    reached: number | null;
                                    revenue: number | null;
                                };
                                reached: number | null;
                                today: {
                                    pace: number | null;
                                    ratio: number | null;
                                    /** @enum {string} */
                                    status: "behind" | "on_track" | "ahead" | "not_started" | "no_quota";
                                };
                            };
                            win_loss: {
                                by_dimension: {
                                    label: string;
                                    lost: number;
                                    lost_amount: number;
                                    revenue: number;
                                    value: string;
                                    win_rate: number;
                                    won: number;
                                }[];
                                by_reason: {
                                    amount: number;
                                    deals: number;
                                    label: string;
                                    reason: string;
                                }[];
                                lost: {
                                    amount: number;
                                    deals: number;
                                };
                                win_rate: number | null;
                                won: {
                                    deals: number;
                                    revenue: number;
                                };
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sales-dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Now: open leads by state, compliance today and month to date, leads not touched in time and not attempted enough (a sales rep sees their own leads). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            month_to_date: {
                                from: string;
                                rejections: {
                                    leads: number;
                                    reason_code: string;
                                }[];
                                reps: {
                                    accepted: number;
                                    attempts: {
                                        decided: number;
                                        met: number;
                                        met_rate: number | null;
                                        per_lead: number | null;
                                    };
                                    connected: number;
                                    first_touch: {
                                        decided: number;
                                        late_open: number;
                                        median_minutes: number | null;
                                        met: number;
                                        met_rate: number | null;
                                    };
                                    leads: number;
                                    median_hours_to_accept: number | null;
                                    owner_id: number | null;
                                    owner_name: string | null;
                                    recycled: number;
                                    rejected: number;
                                    team: string;
                                }[];
                                teams: {
                                    accepted: number;
                                    attempts: {
                                        decided: number;
                                        met: number;
                                        met_rate: number | null;
                                        per_lead: number | null;
                                    };
                                    connected: number;
                                    first_touch: {
                                        decided: number;
                                        late_open: number;
                                        median_minutes: number | null;
                                        met: number;
                                        met_rate: number | null;
                                    };
                                    leads: number;
                                    median_hours_to_accept: number | null;
                                    recycled: number;
                                    rejected: number;
                                    team: string;
                                }[];
                                to: string;
                                total: {
                                    accepted: number;
                                    attempts: {
                                        decided: number;
                                        met: number;
                                        met_rate: number | null;
                                        per_lead: number | null;
                                    };
                                    connected: number;
                                    first_touch: {
                                        decided: number;
                                        late_open: number;
                                        median_minutes: number | null;
                                        met: number;
                                        met_rate: number | null;
                                    };
                                    leads: number;
                                    median_hours_to_accept: number | null;
                                    recycled: number;
                                    rejected: number;
                                };
                            };
                            not_attempted_enough: {
                                /** Format: date-time */
                                assigned_at: string;
                                assigned_by: string;
                                assignment_id: number;
                                attempts: number;
                                /** Format: date-time */
                                attempts_due: string;
                                attempts_required: number;
                                /** @enum {string} */
                                attempts_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                company_name: string | null;
                                connected_at: string | null;
                                contact_id: number;
                                email: string | null;
                                first_touch_at: string | null;
                                /** Format: date-time */
                                first_touch_due: string;
                                /** @enum {string} */
                                first_touch_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                last_attempt_at: string | null;
                                lead_status: string | null;
                                mql_type: string | null;
                                name: string | null;
                                /** Format: date-time */
                                next_due: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                policy_id: string;
                                segment: string | null;
                                /** @enum {string} */
                                status: "on_time" | "at_risk" | "breached";
                                team: string | null;
                            }[];
                            not_touched_in_time: {
                                /** Format: date-time */
                                assigned_at: string;
                                assigned_by: string;
                                assignment_id: number;
                                attempts: number;
                                /** Format: date-time */
                                attempts_due: string;
                                attempts_required: number;
                                /** @enum {string} */
                                attempts_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                company_name: string | null;
                                connected_at: string | null;
                                contact_id: number;
                                email: string | null;
                                first_touch_at: string | null;
                                /** Format: date-time */
                                first_touch_due: string;
                                /** @enum {string} */
                                first_touch_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                last_attempt_at: string | null;
                                lead_status: string | null;
                                mql_type: string | null;
                                name: string | null;
                                /** Format: date-time */
                                next_due: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                policy_id: string;
                                segment: string | null;
                                /** @enum {string} */
                                status: "on_time" | "at_risk" | "breached";
                                team: string | null;
                            }[];
                            open: {
                                at_risk: number;
                                attempts_breached: number;
                                breached: number;
                                first_touch_breached: number;
                                on_time: number;
                                open: number;
                            };
                            today: {
                                from: string;
                                rejections: {
                                    leads: number;
                                    reason_code: string;
                                }[];
                                reps: {
                                    accepted: number;
                                    attempts: {
                                        decided: number;
                                        met: number;
                                        met_rate: number | null;
                                        per_lead: number | null;
                                    };
                                    connected: number;
                                    first_touch: {
                                        decided: number;
                                        late_open: number;
                                        median_minutes: number | null;
                                        met: number;
                                        met_rate: number | null;
                                    };
                                    leads: number;
                                    median_hours_to_accept: number | null;
                                    owner_id: number | null;
                                    owner_name: string | null;
                                    recycled: number;
                                    rejected: number;
                                    team: string;
                                }[];
                                teams: {
                                    accepted: number;
                                    attempts: {
                                        decided: number;
                                        met: number;
                                        met_rate: number | null;
                                        per_lead: number | null;
                                    };
                                    connected: number;
                                    first_touch: {
                                        decided: number;
                                        late_open: number;
                                        median_minutes: number | null;
                                        met: number;
                                        met_rate: number | null;
                                    };
                                    leads: number;
                                    median_hours_to_accept: number | null;
                                    recycled: number;
                                    rejected: number;
                                    team: string;
                                }[];
                                to: string;
                                total: {
                                    accepted: number;
                                    attempts: {
                                        decided: number;
                                        met: number;
                                        met_rate: number | null;
                                        per_lead: number | null;
                                    };
                                    connected: number;
                                    first_touch: {
                                        decided: number;
                                        late_open: number;
                                        median_minutes: number | null;
                                        met: number;
                                        met_rate: number | null;
                                    };
                                    leads: number;
                                    median_hours_to_accept: number | null;
                                    recycled: number;
                                    rejected: number;
                                };
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sales-dashboard/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sales-dashboard report's table as CSV (every row) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sales/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sales report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description split the cycle and win/loss by (default segment): channel, source_detail, segment, industry, country, mql_type, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SLA compliance of the leads assigned in the window, judged now, per rep and team: first touch met %, median time to first touch, attempts per lead, attempts met %, accepted, rejected by reason, recycled. */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            rejections: {
                                leads: number;
                                reason_code: string;
                            }[];
                            reps: {
                                accepted: number;
                                attempts: {
                                    decided: number;
                                    met: number;
                                    met_rate: number | null;
                                    per_lead: number | null;
                                };
                                connected: number;
                                first_touch: {
                                    decided: number;
                                    late_open: number;
                                    median_minutes: number | null;
                                    met: number;
                                    met_rate: number | null;
                                };
                                leads: number;
                                median_hours_to_accept: number | null;
                                owner_id: number | null;
                                owner_name: string | null;
                                recycled: number;
                                rejected: number;
                                team: string;
                            }[];
                            teams: {
                                accepted: number;
                                attempts: {
                                    decided: number;
                                    met: number;
                                    met_rate: number | null;
                                    per_lead: number | null;
                                };
                                connected: number;
                                first_touch: {
                                    decided: number;
                                    late_open: number;
                                    median_minutes: number | null;
                                    met: number;
                                    met_rate: number | null;
                                };
                                leads: number;
                                median_hours_to_accept: number | null;
                                recycled: number;
                                rejected: number;
                                team: string;
                            }[];
                            to: string;
                            total: {
                                accepted: number;
                                attempts: {
                                    decided: number;
                                    met: number;
                                    met_rate: number | null;
                                    per_lead: number | null;
                                };
                                connected: number;
                                first_touch: {
                                    decided: number;
                                    late_open: number;
                                    median_minutes: number | null;
                                    met: number;
                                    met_rate: number | null;
                                };
                                leads: number;
                                median_hours_to_accept: number | null;
                                recycled: number;
                                rejected: number;
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sla/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sla report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Visits, new contacts and customers by channel, with visit → contact and contact → customer rates. */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description channel (default), or source_detail: each channel split by its source */
                    dimension?: "channel" | "source_detail";
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description rows per list in one answer (the API pages at 100 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                channel: string;
                                contact_to_customer: number | null;
                                contacts: number;
                                customers: number;
                                detail?: string;
                                visit_to_contact: number | null;
                                visitors: number;
                                visits: number;
                            }[];
                            /** @enum {string} */
                            dimension: "channel" | "source_detail";
                            from: string;
                            next_cursor: string | null;
                            to: string;
                            total: {
                                contact_to_customer: number | null;
                                contacts: number;
                                customers: number;
                                visit_to_contact: number | null;
                                visitors: number;
                                visits: number;
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/sources/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sources report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description channel (default), or source_detail: each channel split by its source */
                    dimension?: "channel" | "source_detail";
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description rows per list in one answer (the API pages at 100 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/speed-to-lead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Speed to lead in a month: the MQL handoffs by time to first touch from the clock's start (≤ 5 min, 5–30 min, 30–60 min, 1–4 h, 4–24 h, > 24 h, not yet), each with its share and its MQL → SQL and MQL → customer rates. */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignments: number;
                            buckets: {
                                /** @enum {string} */
                                bucket: "≤5 min" | "5–30 min" | "30–60 min" | "1–4 h" | "4–24 h" | ">24 h" | "not yet";
                                count: number;
                                customer_rate: number | null;
                                customers: number;
                                share: number | null;
                                sql_rate: number | null;
                                sqls: number;
                            }[];
                            customer_rate: number | null;
                            customers: number;
                            median_minutes: number | null;
                            share_within_4h: number | null;
                            share_within_5m: number | null;
                            sql_rate: number | null;
                            sqls: number;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                            within_4h: number;
                            within_5m: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/speed-to-lead/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The speed-to-lead report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The suppression list: contacts taken out of marketing communications (by hand, or by scoring in the suppress quadrant), latest first, with email and external id for the email and ad tools. */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description rows in one answer (the API pages at 50 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description search by name or email */
                    q?: string;
                    /** @description suppressed_at, name or id; prefix - for descending (default -suppressed_at) */
                    sort?: string;
                    /** @description manual (a person suppressed them) or quadrant (scoring did) */
                    source?: "manual" | "quadrant";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                by_name: string | null;
                                company_name: string | null;
                                email: string | null;
                                external_id: string | null;
                                external_source: string | null;
                                id: number;
                                name: string;
                                reason: string;
                                /** @enum {string} */
                                source: "manual" | "quadrant";
                                /** Format: date-time */
                                suppressed_at: string;
                            }[];
                            next_cursor: string | null;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/suppressions/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The suppressions report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous answer */
                    cursor?: string;
                    /** @description rows in one answer (the API pages at 50 by default; CSV and CLI give every row) */
                    limit?: number;
                    /** @description search by name or email */
                    q?: string;
                    /** @description suppressed_at, name or id; prefix - for descending (default -suppressed_at) */
                    sort?: string;
                    /** @description manual (a person suppressed them) or quadrant (scoring did) */
                    source?: "manual" | "quadrant";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/waterfall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The month's daily lead waterfall: MQLs and their value day by day, cumulative, against the pace to marketing's target. */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description the pace line: linear (default) or working_days */
                    pace?: "linear" | "working_days";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            by_type: {
                                mql_type: string;
                                mqls: number;
                                value: number;
                                value_per_mql: number;
                                /** @enum {string} */
                                value_source: "measured" | "override" | "default";
                            }[];
                            days: {
                                cumulative_mqls: number | null;
                                cumulative_value: number | null;
                                day: string;
                                mqls: number | null;
                                pace_fraction: number;
                                pace_value: number;
                                value: number | null;
                            }[];
                            delivered: {
                                mqls: number;
                                share_of_target: number | null;
                                value: number;
                            };
                            goal: {
                                /** @enum {string} */
                                from: "month" | "quarter";
                                marketing_influenced_share: number | null;
                                marketing_sourced_share: number;
                                month: string;
                                revenue_goal: number;
                            };
                            influenced: {
                                customers: number;
                                influenced_customers: number;
                                influenced_revenue: number;
                                influenced_share: number | null;
                                lookback_days: number;
                                revenue: number;
                                share_of_revenue: number | null;
                                share_of_target: number | null;
                                target: number | null;
                            };
                            month: string;
                            /** @enum {string} */
                            pace: "linear" | "working_days";
                            projection: {
                                share_of_target: number | null;
                                value: number | null;
                            };
                            target: {
                                average_value_per_mql: number | null;
                                mix: {
                                    mql_type: string;
                                    mqls: number;
                                    value: number;
                                }[];
                                mqls: number | null;
                                value: number;
                            };
                            today: {
                                pace_value: number;
                                ratio: number | null;
                                /** @enum {string} */
                                status: "behind" | "on_track" | "ahead" | "not_started";
                            };
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/waterfall/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The waterfall report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description the pace line: linear (default) or working_days */
                    pace?: "linear" | "working_days";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/win-loss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Win/loss of the deals closed in the window (default the last 90 days): won, lost, win rate, average won deal and median cycle (created → closed) by segment, channel, source detail, MQL type, rep, deal size band or any enum property; win and lost reasons, and per group the reason that differs most from the whole. */
        get: {
            parameters: {
                query?: {
                    /** @description split by (default segment): rep, deal_size, segment, channel, source_detail, mql_type, industry, country, deal.property.<name>, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dimension: {
                                key: string;
                                label: string;
                            };
                            distinctive: {
                                deals: number;
                                difference: number;
                                group_share: number;
                                label: string;
                                of_deals: number;
                                /** @enum {string} */
                                outcome: "won" | "lost";
                                overall_share: number;
                                reason: string;
                                reason_label: string;
                                value: string;
                            }[];
                            from: string;
                            groups: {
                                avg_won_deal: number | null;
                                label: string;
                                lost: number;
                                median_cycle_days: number | null;
                                value: string;
                                win_rate: number | null;
                                won: number;
                                won_amount: number;
                            }[];
                            overall: {
                                avg_won_deal: number | null;
                                lost: number;
                                median_cycle_days: number | null;
                                win_rate: number | null;
                                won: number;
                                won_amount: number;
                            };
                            reasons: {
                                lost: {
                                    amount: number;
                                    code: string;
                                    deals: number;
                                    label: string;
                                    share: number;
                                }[];
                                won: {
                                    amount: number;
                                    code: string;
                                    deals: number;
                                    label: string;
                                    share: number;
                                }[];
                            };
                            size_bands: {
                                below: number | null;
                                key: string;
                                label: string;
                            }[];
                            to: string;
                            window?: {
                                from: string;
                                month: string | null;
                                to: string;
                                zone: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/win-loss/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The win-loss report's table as CSV (every row) */
        get: {
            parameters: {
                query?: {
                    /** @description split by (default segment): rep, deal_size, segment, channel, source_detail, mql_type, industry, country, deal.property.<name>, property.<name> or company.property.<name> */
                    dimension?: string;
                    /** @description first day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar month, YYYY-MM */
                    month?: string;
                    /** @description last day, YYYY-MM-DD (included) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/routing/ae-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default null */
                            fallbackTeam: string | null;
                            /** @default true */
                            keepExistingOwner: boolean;
                            /** @default [] */
                            rules: {
                                /** @default [] */
                                conditions: ({
                                    field: string;
                                    /** @enum {string} */
                                    op: "equals";
                                    value: string | number | boolean;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "in";
                                    value: (string | number)[];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "matches";
                                    value: string;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "gt" | "gte" | "lt" | "lte";
                                    value: number;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "between";
                                    value: [
                                        number,
                                        number
                                    ];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "exists";
                                    /** @default true */
                                    value: boolean;
                                })[];
                                id: string;
                                /** @default false */
                                lightCheck: boolean;
                                name: string;
                                /** @default null */
                                team: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default null */
                            fallbackTeam: string | null;
                            /** @default true */
                            keepExistingOwner: boolean;
                            /** @default [] */
                            rules: {
                                /** @default [] */
                                conditions: ({
                                    field: string;
                                    /** @enum {string} */
                                    op: "equals";
                                    value: string | number | boolean;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "in";
                                    value: (string | number)[];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "matches";
                                    value: string;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "gt" | "gte" | "lt" | "lte";
                                    value: number;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "between";
                                    value: [
                                        number,
                                        number
                                    ];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "exists";
                                    /** @default true */
                                    value: boolean;
                                })[];
                                id: string;
                                /** @default false */
                                lightCheck: boolean;
                                name: string;
                                /** @default null */
                                team: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/routing/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default null */
                            fallbackTeam: string | null;
                            /** @default true */
                            keepExistingOwner: boolean;
                            /** @default [] */
                            rules: {
                                /** @default [] */
                                conditions: ({
                                    field: string;
                                    /** @enum {string} */
                                    op: "equals";
                                    value: string | number | boolean;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "in";
                                    value: (string | number)[];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "matches";
                                    value: string;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "gt" | "gte" | "lt" | "lte";
                                    value: number;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "between";
                                    value: [
                                        number,
                                        number
                                    ];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "exists";
                                    /** @default true */
                                    value: boolean;
                                })[];
                                id: string;
                                /** @default false */
                                lightCheck: boolean;
                                name: string;
                                /** @default null */
                                team: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default null */
                            fallbackTeam: string | null;
                            /** @default true */
                            keepExistingOwner: boolean;
                            /** @default [] */
                            rules: {
                                /** @default [] */
                                conditions: ({
                                    field: string;
                                    /** @enum {string} */
                                    op: "equals";
                                    value: string | number | boolean;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "in";
                                    value: (string | number)[];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "matches";
                                    value: string;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "gt" | "gte" | "lt" | "lte";
                                    value: number;
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "between";
                                    value: [
                                        number,
                                        number
                                    ];
                                } | {
                                    field: string;
                                    /** @enum {string} */
                                    op: "exists";
                                    /** @default true */
                                    value: boolean;
                                })[];
                                id: string;
                                /** @default false */
                                lightCheck: boolean;
                                name: string;
                                /** @default null */
                                team: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/routing/rules/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: {
                                contacts: number | null;
                                mqls: number | null;
                                problem: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/saved-views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query: {
                    object_type: "contacts";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                name: string;
                                /** @enum {string} */
                                object_type: "contacts";
                                query: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        object_type: "contacts";
                        query: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            id: number;
                            name: string;
                            /** @enum {string} */
                            object_type: "contacts";
                            query: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/saved-views/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scoring/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string | null;
                            value: {
                                fit: ({
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "equals";
                                    points: number;
                                    value: string | number | boolean;
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "in";
                                    points: number;
                                    value: (string | number)[];
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "matches";
                                    points: number;
                                    value: string;
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "gt" | "gte" | "lt" | "lte";
                                    points: number;
                                    value: number;
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "between";
                                    points: number;
                                    value: [
                                        number,
                                        number
                                    ];
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "exists";
                                    points: number;
                                    value: boolean;
                                })[];
                                frequency: {
                                    asset?: string;
                                    campaign?: string;
                                    event: string;
                                    id: string;
                                    label: string;
                                    minCount: number;
                                    points: number;
                                    withinDays: number | null;
                                }[];
                                halfLifeDays: number | null;
                                interest: {
                                    asset?: string;
                                    campaign?: string;
                                    event: string;
                                    id: string;
                                    label: string;
                                    maxTimes?: number;
                                    points: number;
                                }[];
                                thresholds: {
                                    fit: number;
                                    interest: number;
                                };
                            };
                            version: number;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string | null;
                            value: {
                                fit: ({
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "equals";
                                    points: number;
                                    value: string | number | boolean;
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "in";
                                    points: number;
                                    value: (string | number)[];
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "matches";
                                    points: number;
                                    value: string;
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "gt" | "gte" | "lt" | "lte";
                                    points: number;
                                    value: number;
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "between";
                                    points: number;
                                    value: [
                                        number,
                                        number
                                    ];
                                } | {
                                    field: string;
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    op: "exists";
                                    points: number;
                                    value: boolean;
                                })[];
                                frequency: {
                                    asset?: string;
                                    campaign?: string;
                                    event: string;
                                    id: string;
                                    label: string;
                                    minCount: number;
                                    points: number;
                                    withinDays: number | null;
                                }[];
                                halfLifeDays: number | null;
                                interest: {
                                    asset?: string;
                                    campaign?: string;
                                    event: string;
                                    id: string;
                                    label: string;
                                    maxTimes?: number;
                                    points: number;
                                }[];
                                thresholds: {
                                    fit: number;
                                    interest: number;
                                };
                            };
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scoring/model/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: {
                                handoff: number;
                                unroutable: number;
                            };
                            becomeMql: {
                                by_type: {
                                    contacts: number;
                                    mql_type: string | null;
                                    value: number;
                                    value_per_mql: number;
                                }[];
                                contacts: {
                                    clause: string;
                                    id: number;
                                    mql_type: string | null;
                                    name: string;
                                    owner?: {
                                        id: number;
                                        name: string;
                                        team: string | null;
                                    } | null;
                                    value: number;
                                }[];
                            };
                            contacts: number;
                            monthValue: {
                                after: number;
                                before: number;
                                change: number;
                                month: string;
                            };
                            moved: number;
                            newMqls: number;
                            newMqlsByClause: {
                                [key: string]: number;
                            };
                            quadrants: {
                                after: {
                                    fan: number;
                                    hot: number;
                                    nurture: number;
                                    suppress: number;
                                };
                                before: {
                                    fan: number;
                                    hot: number;
                                    nurture: number;
                                    suppress: number;
                                };
                            };
                            routing: {
                                by_owner: {
                                    id: number;
                                    leads: number;
                                    name: string;
                                    team: string | null;
                                }[];
                                by_team: {
                                    leads: number;
                                    team: string | null;
                                }[];
                                routed: number;
                                unroutable: number;
                            };
                            stopQualifying: {
                                by_type: {
                                    contacts: number;
                                    mql_type: string | null;
                                    value: number;
                                    value_per_mql: number;
                                }[];
                                contacts: {
                                    clause: string;
                                    id: number;
                                    mql_type: string | null;
                                    name: string;
                                    owner?: {
                                        id: number;
                                        name: string;
                                        team: string | null;
                                    } | null;
                                    value: number;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scoring/mql-definition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string | null;
                            value: {
                                clauses: {
                                    conditions: (({
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "equals";
                                        value: string | number | boolean;
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "in";
                                        value: (string | number)[];
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "matches";
                                        value: string;
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "gt" | "gte" | "lt" | "lte";
                                        value: number;
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "between";
                                        value: [
                                            number,
                                            number
                                        ];
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "exists";
                                        value: boolean;
                                    }) | {
                                        /** @enum {string} */
                                        kind: "score";
                                        /** @enum {string} */
                                        op: "gte" | "lte";
                                        /** @enum {string} */
                                        score: "fit" | "interest" | "predicted";
                                        value: number;
                                    } | {
                                        asset?: string;
                                        event: string;
                                        /** @enum {string} */
                                        kind: "behaviour";
                                        minCount: number;
                                        withinDays?: number;
                                    })[];
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    mqlType?: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "other";
                                }[];
                            };
                            version: number;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: {
                    apply?: "everyone" | "new_activity";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string | null;
                            value: {
                                clauses: {
                                    conditions: (({
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "equals";
                                        value: string | number | boolean;
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "in";
                                        value: (string | number)[];
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "matches";
                                        value: string;
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "gt" | "gte" | "lt" | "lte";
                                        value: number;
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "between";
                                        value: [
                                            number,
                                            number
                                        ];
                                    } | {
                                        field: string;
                                        /** @enum {string} */
                                        kind: "property";
                                        /** @enum {string} */
                                        op: "exists";
                                        value: boolean;
                                    }) | {
                                        /** @enum {string} */
                                        kind: "score";
                                        /** @enum {string} */
                                        op: "gte" | "lte";
                                        /** @enum {string} */
                                        score: "fit" | "interest" | "predicted";
                                        value: number;
                                    } | {
                                        asset?: string;
                                        event: string;
                                        /** @enum {string} */
                                        kind: "behaviour";
                                        minCount: number;
                                        withinDays?: number;
                                    })[];
                                    id: string;
                                    label: string;
                                    /** @enum {string} */
                                    mqlType?: "whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "other";
                                }[];
                            };
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scoring/mql-definition/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: {
                                handoff: number;
                                unroutable: number;
                            };
                            becomeMql: {
                                by_type: {
                                    contacts: number;
                                    mql_type: string | null;
                                    value: number;
                                    value_per_mql: number;
                                }[];
                                contacts: {
                                    clause: string;
                                    id: number;
                                    mql_type: string | null;
                                    name: string;
                                    owner?: {
                                        id: number;
                                        name: string;
                                        team: string | null;
                                    } | null;
                                    value: number;
                                }[];
                            };
                            contacts: number;
                            monthValue: {
                                after: number;
                                before: number;
                                change: number;
                                month: string;
                            };
                            moved: number;
                            newMqls: number;
                            newMqlsByClause: {
                                [key: string]: number;
                            };
                            quadrants: {
                                after: {
                                    fan: number;
                                    hot: number;
                                    nurture: number;
                                    suppress: number;
                                };
                                before: {
                                    fan: number;
                                    hot: number;
                                    nurture: number;
                                    suppress: number;
                                };
                            };
                            routing: {
                                by_owner: {
                                    id: number;
                                    leads: number;
                                    name: string;
                                    team: string | null;
                                }[];
                                by_team: {
                                    leads: number;
                                    team: string | null;
                                }[];
                                routed: number;
                                unroutable: number;
                            };
                            stopQualifying: {
                                by_type: {
                                    contacts: number;
                                    mql_type: string | null;
                                    value: number;
                                    value_per_mql: number;
                                }[];
                                contacts: {
                                    clause: string;
                                    id: number;
                                    mql_type: string | null;
                                    name: string;
                                    owner?: {
                                        id: number;
                                        name: string;
                                        team: string | null;
                                    } | null;
                                    value: number;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scoring/predictive/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: {
                    from?: string;
                    month?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contacts_scored: number;
                            evaluation: {
                                auc: number;
                                brier: number;
                                calibration: {
                                    bucket: string;
                                    n: number;
                                    observed_rate: number | null;
                                    predicted_mean: number | null;
                                }[];
                                features: number;
                                leakage: {
                                    auc: number | null;
                                    feature: string;
                                    /** @enum {string} */
                                    kind: "one_class" | "separates";
                                    label: string;
                                    reason: string;
                                }[];
                                moment: string;
                                n_test: number;
                                n_train: number;
                                positives_test: number;
                                positives_train: number;
                                set_aside: {
                                    contacts: number;
                                    feature: string;
                                    label: string;
                                }[];
                                warnings: string[];
                                window: {
                                    /** Format: date-time */
                                    from: string;
                                    /** Format: date-time */
                                    to: string;
                                };
                            };
                            features: number;
                            /** Format: date-time */
                            trained_at: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scoring/rescore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contacts: number;
                            pending: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/scoring/vocabulary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assets: {
                                key: string;
                                name: string | null;
                            }[];
                            campaigns: {
                                key: string;
                                name: string;
                            }[];
                            events: string[];
                            fields: {
                                custom: boolean;
                                label: string | null;
                                name: string;
                                /** @enum {string} */
                                object: "contact" | "company";
                                path: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/deal-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lost: {
                                code: string;
                                deals: number;
                                label: string;
                            }[];
                            won: {
                                code: string;
                                deals: number;
                                label: string;
                            }[];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lost: {
                            code?: string;
                            label: string;
                        }[];
                        won: {
                            code?: string;
                            label: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lost: {
                                code: string;
                                deals: number;
                                label: string;
                            }[];
                            won: {
                                code: string;
                                deals: number;
                                label: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            segments: {
                                companies: number;
                                deals: number;
                                key: string;
                                label: string;
                            }[];
                            sized_by_employees: boolean;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        segments: {
                            key?: string;
                            label: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            segments: {
                                companies: number;
                                deals: number;
                                key: string;
                                label: string;
                            }[];
                            sized_by_employees: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/suppression": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auto_suppress: boolean;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        auto_suppress: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            auto_suppress: boolean;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            raw_event_months: number | null;
                            time_zone: string;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        raw_event_months?: number | null;
                        time_zone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            raw_event_months: number | null;
                            time_zone: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/ae-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 0.75 */
                            atRiskShare: number;
                            /** @default null */
                            calendar: {
                                holidays: string[];
                                hours: {
                                    fri?: [
                                        string,
                                        string
                                    ][];
                                    mon?: [
                                        string,
                                        string
                                    ][];
                                    sat?: [
                                        string,
                                        string
                                    ][];
                                    sun?: [
                                        string,
                                        string
                                    ][];
                                    thu?: [
                                        string,
                                        string
                                    ][];
                                    tue?: [
                                        string,
                                        string
                                    ][];
                                    wed?: [
                                        string,
                                        string
                                    ][];
                                };
                                timeZone: string;
                            } | null;
                            firstMeetingDays: number;
                            /** @default null */
                            monthlyCapacity: number | null;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 0.75 */
                            atRiskShare: number;
                            /** @default null */
                            calendar: {
                                holidays: string[];
                                hours: {
                                    fri?: [
                                        string,
                                        string
                                    ][];
                                    mon?: [
                                        string,
                                        string
                                    ][];
                                    sat?: [
                                        string,
                                        string
                                    ][];
                                    sun?: [
                                        string,
                                        string
                                    ][];
                                    thu?: [
                                        string,
                                        string
                                    ][];
                                    tue?: [
                                        string,
                                        string
                                    ][];
                                    wed?: [
                                        string,
                                        string
                                    ][];
                                };
                                timeZone: string;
                            } | null;
                            firstMeetingDays: number;
                            /** @default null */
                            monthlyCapacity: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    contact_id?: number;
                    cursor?: string;
                    limit?: number;
                    owner_id?: number;
                    status?: "on_time" | "at_risk" | "breached" | "met" | "missed";
                    team?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                assigned_at: string;
                                assigned_by: string;
                                assignment_id: number;
                                attempts: number;
                                /** Format: date-time */
                                attempts_due: string;
                                attempts_required: number;
                                /** @enum {string} */
                                attempts_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                company_name: string | null;
                                connected_at: string | null;
                                contact_id: number;
                                email: string | null;
                                first_touch_at: string | null;
                                /** Format: date-time */
                                first_touch_due: string;
                                /** @enum {string} */
                                first_touch_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                last_attempt_at: string | null;
                                lead_status: string | null;
                                mql_type: string | null;
                                name: string | null;
                                /** Format: date-time */
                                next_due: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                policy_id: string;
                                segment: string | null;
                                /** @enum {string} */
                                status: "on_time" | "at_risk" | "breached";
                                team: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/my-handoffs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ae_id: number | null;
                            ae_name: string | null;
                            company_name: string | null;
                            contact_id: number;
                            email: string | null;
                            /** Format: date-time */
                            handed_at: string;
                            handed_by: string;
                            handoff_id: number;
                            lifecycle_stage: string;
                            /** Format: date-time */
                            meeting_due: string;
                            /** Format: date-time */
                            meeting_risk_at: string;
                            name: string | null;
                            sdr_id: number | null;
                            sdr_name: string | null;
                            /** @enum {string} */
                            status: "on_time" | "at_risk" | "breached";
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/my-queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                assigned_at: string;
                                assigned_by: string;
                                assignment_id: number;
                                attempts: number;
                                /** Format: date-time */
                                attempts_due: string;
                                attempts_required: number;
                                /** @enum {string} */
                                attempts_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                company_name: string | null;
                                connected_at: string | null;
                                contact_id: number;
                                email: string | null;
                                first_touch_at: string | null;
                                /** Format: date-time */
                                first_touch_due: string;
                                /** @enum {string} */
                                first_touch_status: "on_time" | "at_risk" | "breached" | "met" | "missed";
                                last_attempt_at: string | null;
                                lead_status: string | null;
                                mql_type: string | null;
                                name: string | null;
                                /** Format: date-time */
                                next_due: string;
                                owner_id: number | null;
                                owner_name: string | null;
                                policy_id: string;
                                segment: string | null;
                                /** @enum {string} */
                                status: "on_time" | "at_risk" | "breached";
                                team: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sla/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            policies: {
                                /**
                                 * @default owner
                                 * @enum {string}
                                 */
                                atRiskAlerts: "owner" | "owner_and_manager";
                                /** @default 0.75 */
                                atRiskShare: number;
                                attempts: number;
                                attemptsDays: number;
                                /** @default true */
                                autoRecycle: boolean;
                                /** @default null */
                                calendar: {
                                    holidays: string[];
                                    hours: {
                                        fri?: [
                                            string,
                                            string
                                        ][];
                                        mon?: [
                                            string,
                                            string
                                        ][];
                                        sat?: [
                                            string,
                                            string
                                        ][];
                                        sun?: [
                                            string,
                                            string
                                        ][];
                                        thu?: [
                                            string,
                                            string
                                        ][];
                                        tue?: [
                                            string,
                                            string
                                        ][];
                                        wed?: [
                                            string,
                                            string
                                        ][];
                                    };
                                    timeZone: string;
                                } | null;
                                /**
                                 * @default assignment
                                 * @enum {string}
                                 */
                                clockStart: "assignment" | "request";
                                firstTouchMinutes: number;
                                id: string;
                                /** @default {} */
                                match: {
                                    mqlTypes?: ("whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "other")[];
                                    segments?: string[];
                                };
                                /** @default null */
                                monthlyCapacity: number | null;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            policies: {
                                /**
                                 * @default owner
                                 * @enum {string}
                                 */
                                atRiskAlerts: "owner" | "owner_and_manager";
                                /** @default 0.75 */
                                atRiskShare: number;
                                attempts: number;
                                attemptsDays: number;
                                /** @default true */
                                autoRecycle: boolean;
                                /** @default null */
                                calendar: {
                                    holidays: string[];
                                    hours: {
                                        fri?: [
                                            string,
                                            string
                                        ][];
                                        mon?: [
                                            string,
                                            string
                                        ][];
                                        sat?: [
                                            string,
                                            string
                                        ][];
                                        sun?: [
                                            string,
                                            string
                                        ][];
                                        thu?: [
                                            string,
                                            string
                                        ][];
                                        tue?: [
                                            string,
                                            string
                                        ][];
                                        wed?: [
                                            string,
                                            string
                                        ][];
                                    };
                                    timeZone: string;
                                } | null;
                                /**
                                 * @default assignment
                                 * @enum {string}
                                 */
                                clockStart: "assignment" | "request";
                                firstTouchMinutes: number;
                                id: string;
                                /** @default {} */
                                match: {
                                    mqlTypes?: ("whitepaper" | "webinar" | "online_demo" | "trade_show" | "contact_sales" | "newsletter" | "other")[];
                                    segments?: string[];
                                };
                                /** @default null */
                                monthlyCapacity: number | null;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Live tokens first, newest first. */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                last_used_at: string | null;
                                name: string;
                                revoked_at: string | null;
                                /** @enum {string} */
                                role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                                user_id: number | null;
                                user_name: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                        user_id?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            id: number;
                            last_used_at: string | null;
                            name: string;
                            revoked_at: string | null;
                            /** @enum {string} */
                            role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            user_id: number | null;
                            user_name: string | null;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                created_at: string;
                                ctr: number | null;
                                delivered: number;
                                id: number;
                                open_rate: number | null;
                                recipients: number;
                                sent_at: string | null;
                                /** @enum {string} */
                                status: "draft" | "sent";
                                subject: string;
                                unique_clicks: number;
                                unique_opens: number;
                                week: string;
                                week_start: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        intro?: string;
                        lead_sources?: string;
                        product_updates?: {
                            /** @default  */
                            body?: string;
                            title: string;
                            url?: string | null;
                        }[];
                        promotions?: {
                            excerpt?: string;
                            /** @description computed from history; ignored on input */
                            expected_basis?: unknown;
                            /** @description computed from history; ignored on input */
                            expected_leads?: unknown;
                            /** @enum {string} */
                            kind: "campaign" | "asset";
                            ref_id: number;
                            starts_on?: string | null;
                            title?: string;
                            url?: string | null;
                        }[];
                        subject?: string;
                        week_of?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            id: number;
                            intro: string;
                            lead_sources: string;
                            product_updates: {
                                body: string;
                                title: string;
                                url: string | null;
                            }[];
                            promotions: {
                                excerpt: string;
                                expected_basis: string;
                                expected_leads: number | null;
                                /** @enum {string} */
                                kind: "campaign" | "asset";
                                ref_id: number;
                                starts_on: string | null;
                                title: string;
                                url: string | null;
                            }[];
                            recipients: {
                                email: string;
                                error: string | null;
                                name: string;
                                sent_at: string | null;
                                /** @enum {string} */
                                status: "sending" | "sent" | "outbox" | "failed";
                                user_id: number;
                            }[];
                            sent_at: string | null;
                            sent_by: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent";
                            subject: string;
                            /** Format: date-time */
                            updated_at: string;
                            week: string;
                            week_start: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/updates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            id: number;
                            intro: string;
                            lead_sources: string;
                            product_updates: {
                                body: string;
                                title: string;
                                url: string | null;
                            }[];
                            promotions: {
                                excerpt: string;
                                expected_basis: string;
                                expected_leads: number | null;
                                /** @enum {string} */
                                kind: "campaign" | "asset";
                                ref_id: number;
                                starts_on: string | null;
                                title: string;
                                url: string | null;
                            }[];
                            recipients: {
                                email: string;
                                error: string | null;
                                name: string;
                                sent_at: string | null;
                                /** @enum {string} */
                                status: "sending" | "sent" | "outbox" | "failed";
                                user_id: number;
                            }[];
                            sent_at: string | null;
                            sent_by: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent";
                            subject: string;
                            /** Format: date-time */
                            updated_at: string;
                            week: string;
                            week_start: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        intro?: string;
                        lead_sources?: string;
                        product_updates?: {
                            /** @default  */
                            body?: string;
                            title: string;
                            url?: string | null;
                        }[];
                        promotions?: {
                            excerpt?: string;
                            /** @description computed from history; ignored on input */
                            expected_basis?: unknown;
                            /** @description computed from history; ignored on input */
                            expected_leads?: unknown;
                            /** @enum {string} */
                            kind: "campaign" | "asset";
                            ref_id: number;
                            starts_on?: string | null;
                            title?: string;
                            url?: string | null;
                        }[];
                        subject?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            created_by: string | null;
                            id: number;
                            intro: string;
                            lead_sources: string;
                            product_updates: {
                                body: string;
                                title: string;
                                url: string | null;
                            }[];
                            promotions: {
                                excerpt: string;
                                expected_basis: string;
                                expected_leads: number | null;
                                /** @enum {string} */
                                kind: "campaign" | "asset";
                                ref_id: number;
                                starts_on: string | null;
                                title: string;
                                url: string | null;
                            }[];
                            recipients: {
                                email: string;
                                error: string | null;
                                name: string;
                                sent_at: string | null;
                                /** @enum {string} */
                                status: "sending" | "sent" | "outbox" | "failed";
                                user_id: number;
                            }[];
                            sent_at: string | null;
                            sent_by: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent";
                            subject: string;
                            /** Format: date-time */
                            updated_at: string;
                            week: string;
                            week_start: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/updates/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ctr: number | null;
                            definitions: {
                                ctr: string;
                                delivered: string;
                                open_rate: string;
                            };
                            delivered: number;
                            id: number;
                            links: {
                                clicks: number;
                                ctr: number | null;
                                section: ("promotion" | "product_update") | null;
                                title: string | null;
                                unique_clickers: number;
                                url: string;
                            }[];
                            open_rate: number | null;
                            people: {
                                clicks: number;
                                email: string;
                                first_clicked_at: string | null;
                                first_opened_at: string | null;
                                name: string;
                                opened: boolean;
                                opens: number;
                                scanner_hits: number;
                                sent_at: string | null;
                                /** @enum {string} */
                                status: "sending" | "sent" | "outbox" | "failed";
                                user_id: number;
                            }[];
                            recipients: number;
                            scanner_hits: number;
                            sent_at: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent";
                            subject: string;
                            unique_clicks: number;
                            unique_opens: number;
                            week: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/updates/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        user_ids?: number[];
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            already_sent: number;
                            failed: number;
                            outbox: number;
                            sent: number;
                            update: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string | null;
                                id: number;
                                intro: string;
                                lead_sources: string;
                                product_updates: {
                                    body: string;
                                    title: string;
                                    url: string | null;
                                }[];
                                promotions: {
                                    excerpt: string;
                                    expected_basis: string;
                                    expected_leads: number | null;
                                    /** @enum {string} */
                                    kind: "campaign" | "asset";
                                    ref_id: number;
                                    starts_on: string | null;
                                    title: string;
                                    url: string | null;
                                }[];
                                recipients: {
                                    email: string;
                                    error: string | null;
                                    name: string;
                                    sent_at: string | null;
                                    /** @enum {string} */
                                    status: "sending" | "sent" | "outbox" | "failed";
                                    user_id: number;
                                }[];
                                sent_at: string | null;
                                sent_by: string | null;
                                /** @enum {string} */
                                status: "draft" | "sent";
                                subject: string;
                                /** Format: date-time */
                                updated_at: string;
                                week: string;
                                week_start: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/updates/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    issues?: number;
                    margin?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            average_ctr: number | null;
                            definitions: {
                                ctr: string;
                                delivered: string;
                                open_rate: string;
                            };
                            flag: {
                                advice: string | null;
                                falling: boolean;
                                reasons: string[];
                            };
                            issues: {
                                ctr: number | null;
                                delivered: number;
                                id: number;
                                open_rate: number | null;
                                /** Format: date-time */
                                sent_at: string;
                                subject: string;
                                unique_clicks: number;
                                unique_opens: number;
                                week: string;
                            }[];
                            rules: {
                                average_issues: number;
                                falling_in_a_row: number;
                                margin_points: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description By name. */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                active: boolean;
                                away: boolean;
                                calls_per_hour?: number;
                                /** Format: date-time */
                                created_at: string;
                                email: string;
                                hourly_cost?: number;
                                id: number;
                                manager_id: number | null;
                                monthly_capacity: number | null;
                                name: string;
                                /** @enum {string} */
                                role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                                sales_role: ("sdr" | "ae") | null;
                                team: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        away?: boolean;
                        calls_per_hour?: number;
                        email: string;
                        hourly_cost?: number;
                        manager_id?: number | null;
                        monthly_capacity?: number | null;
                        name: string;
                        password?: string;
                        /** @enum {string} */
                        role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                        sales_role?: ("sdr" | "ae") | null;
                        team?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            away: boolean;
                            calls_per_hour?: number;
                            /** Format: date-time */
                            created_at: string;
                            email: string;
                            hourly_cost?: number;
                            id: number;
                            manager_id: number | null;
                            monthly_capacity: number | null;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            sales_role: ("sdr" | "ae") | null;
                            team: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        away?: boolean;
                        calls_per_hour?: number;
                        email?: string;
                        hourly_cost?: number;
                        manager_id?: number | null;
                        monthly_capacity?: number | null;
                        name?: string;
                        password?: string;
                        /** @enum {string} */
                        role?: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                        sales_role?: ("sdr" | "ae") | null;
                        team?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            away: boolean;
                            calls_per_hour?: number;
                            /** Format: date-time */
                            created_at: string;
                            email: string;
                            hourly_cost?: number;
                            id: number;
                            manager_id: number | null;
                            monthly_capacity: number | null;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "marketing" | "sales_manager" | "sales_rep" | "viewer";
                            sales_role: ("sdr" | "ae") | null;
                            team: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                active: boolean;
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                kinds: string[] | null;
                                url: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The events to send (docs/webhooks.md), e.g. contact.stage_changed, lead.handoff, sla.breached; old alert kinds are accepted too. Left out: every event. */
                        kinds?: string[];
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            id: number;
                            kinds: string[] | null;
                            secret: string;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                alert_id: number | null;
                                attempts: number;
                                /** Format: date-time */
                                created_at: string;
                                event: string;
                                event_id: string;
                                id: number;
                                kind: string;
                                last_error: string | null;
                                log: {
                                    at: string;
                                    duration_ms: number | null;
                                    error: string | null;
                                    ok: boolean;
                                    status_code: number | null;
                                }[];
                                /** Format: date-time */
                                next_attempt_at: string;
                                sent_at: string | null;
                                status: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/write-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Live keys first, newest first. */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                name: string;
                                revoked_at: string | null;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            key: string;
                            name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/write-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            id: number;
                            name: string;
                            revoked_at: string | null;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            database: "pglite" | "postgres";
                            lag_seconds: number | null;
                            ok: boolean;
                            /** @enum {string} */
                            reads: "primary" | "replica" | "replica_down";
                            /** @enum {string} */
                            status: "ok" | "degraded" | "down";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            database: "pglite" | "postgres";
                            lag_seconds: number | null;
                            ok: boolean;
                            /** @enum {string} */
                            reads: "primary" | "replica" | "replica_down";
                            /** @enum {string} */
                            status: "ok" | "degraded" | "down";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
